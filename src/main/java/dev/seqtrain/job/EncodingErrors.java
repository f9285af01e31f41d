package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data.encoding_errors}: what a corpus row with bytes that are not UTF-8 becomes. */
public enum EncodingErrors {
    /** A rejected row naming the file, the line and the first bad byte. */
    @JsonProperty("strict") STRICT,
    /** Read, each bad byte sequence as U+FFFD. */
    @JsonProperty("replace") REPLACE;

    /** The spec spelling, as {@code job.yaml} writes it back. */
    @Override
    public String toString() {
        return SpecValues.spelling(this);
    }
}
