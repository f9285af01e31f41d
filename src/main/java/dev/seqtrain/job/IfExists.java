package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code output.if_exists}: what a job does when its output directory already exists. */
public enum IfExists {
    /** Exit 6 before any work. */
    @JsonProperty("fail") FAIL,
    /** Replace it at the end, where it is seqtrain's. */
    @JsonProperty("overwrite") OVERWRITE,
    /** Keep a complete one and do nothing. */
    @JsonProperty("skip") SKIP;

    @Override
    public String toString() {
        return SpecValues.spelling(this);
    }
}
