package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import static dev.seqtrain.job.SpecCheck.positive;
import static dev.seqtrain.job.SpecCheck.require;

/**
 * Keras {@code Tokenizer} and {@code pad_sequences} settings, same names and defaults. The options beyond Keras
 * ({@code strip_html}, {@code nfkc}, {@code min_count}) are off by default so that parity holds.
 */
public record TextSpec(
        @JsonProperty("num_words") Integer numWords,
        @JsonProperty("oov_token") String oovToken,
        @JsonProperty("filters") String filters,
        @JsonProperty("lower") Boolean lower,
        @JsonProperty("split") String split,
        @JsonProperty("char_level") Boolean charLevel,
        @JsonProperty("maxlen") Integer maxlen,
        @JsonProperty("padding") SequenceEnd padding,
        @JsonProperty("truncating") SequenceEnd truncating,
        @JsonProperty("value") Integer value,
        @JsonProperty("strip_html") Boolean stripHtml,
        @JsonProperty("nfkc") Boolean nfkc,
        @JsonProperty("min_count") Integer minCount) implements java.io.Serializable {

    /** Keras' default {@code filters}: punctuation, tab and newline. */
    public static final String KERAS_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    public TextSpec {
        if (filters == null) filters = KERAS_FILTERS;
        if (lower == null) lower = true;
        if (split == null) split = " ";
        if (charLevel == null) charLevel = false;
        if (padding == null) padding = SequenceEnd.PRE;
        if (truncating == null) truncating = SequenceEnd.PRE;
        if (value == null) value = 0;
        if (stripHtml == null) stripHtml = false;
        if (nfkc == null) nfkc = false;
        if (minCount == null) minCount = 1;
    }

    /** The checks of this section's own keys; {@code path} is where it sits in the spec ({@code text}). */
    public void validate(String path) {
        if (numWords != null) positive(path + ".num_words", numWords);
        if (numWords != null && oovToken != null) {
            require(numWords >= 2, path + ".num_words", "must be >= 2 with an oov_token (index 1 is the OOV token), got "
                    + numWords);
        }
        if (maxlen != null) positive(path + ".maxlen", maxlen);
        require(!split.isEmpty(), path + ".split", "must not be empty");
        positive(path + ".min_count", minCount);
    }

    /** The same settings with {@code maxlen} fixed: what a model directory records once prepare has measured it. */
    public TextSpec withMaxlen(int resolved) {
        return new TextSpec(numWords, oovToken, filters, lower, split, charLevel, resolved, padding, truncating, value,
                stripHtml, nfkc, minCount);
    }
}
