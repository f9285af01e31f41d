package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import static dev.seqtrain.job.SpecCheck.positive;
import static dev.seqtrain.job.SpecCheck.require;

/**
 * Keras {@code Tokenizer} and {@code pad_sequences} settings, same names and defaults. The options beyond Keras
 * ({@code strip_html}, {@code nfkc}, {@code min_count}) are off by default so that parity holds.
 * <p>
 * A sequence to sequence job has one tokenizer per side: {@code source} and {@code target} blocks, each with these
 * keys (the keys beside them are not used then). The target's {@code maxlen} is required and counts the end token.
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
        @JsonProperty("min_count") Integer minCount,
        @JsonProperty("source") TextSpec source,
        @JsonProperty("target") TextSpec target) implements java.io.Serializable {

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

    /** Without the pair blocks. */
    public TextSpec(Integer numWords, String oovToken, String filters, Boolean lower, String split, Boolean charLevel,
                    Integer maxlen, SequenceEnd padding, SequenceEnd truncating, Integer value, Boolean stripHtml,
                    Boolean nfkc, Integer minCount) {
        this(numWords, oovToken, filters, lower, split, charLevel, maxlen, padding, truncating, value, stripHtml, nfkc,
                minCount, null, null);
    }

    /** The same with {@code source.maxlen} fixed: what a sequence to sequence model directory records. */
    public TextSpec withSourceMaxlen(int resolved) {
        return new TextSpec(numWords, oovToken, filters, lower, split, charLevel, maxlen, padding, truncating, value,
                stripHtml, nfkc, minCount, resolvedSource().withMaxlen(resolved), target);
    }

    /** Whether this block holds a {@code source} or {@code target} block (a sequence to sequence job). */
    public boolean hasPairs() {
        return source != null || target != null;
    }

    /** The source side's settings: the {@code source} block, Keras' defaults without one. */
    public TextSpec resolvedSource() {
        return source != null ? source : new TextSpec(null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The checks of a sequence to sequence job's two blocks; {@code path}: {@code text}. */
    public void validatePairs(String path) {
        require(target != null, path + ".target", "required for sequence to sequence (model.encoder): the target "
                + "tokenizer, with its maxlen, e.g. target: {char_level: true, maxlen: 20}");
        for (String side : new String[] {"source", "target"}) {
            TextSpec block = side.equals("source") ? resolvedSource() : target;
            block.validate(path + "." + side);
            require(!block.hasPairs(), path + "." + side, "holds tokenizer keys only, not another source/target block");
        }
        require(target.maxlen() != null, path + ".target.maxlen", "required: the longest decoder output, counting "
                + "the end token; longer targets are rejected rows");
        require(target.maxlen() >= 2, path + ".target.maxlen", "must be >= 2 (one token and the end token), got "
                + target.maxlen());
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
                stripHtml, nfkc, minCount, source, target);
    }
}
