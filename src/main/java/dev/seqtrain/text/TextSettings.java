package dev.seqtrain.text;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.TextSpec;

import java.io.Serializable;
import java.util.Objects;

/**
 * The {@link TextSpec} values as plain fields. Spark's Kryo (4.0.2) cannot serialize Java records at all ("can't get
 * field offset on a record class"), so the classes that get broadcast keep this instead of the record.
 */
final class TextSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    final Integer numWords;
    final String oovToken;
    final String filters;
    final boolean lower;
    final String split;
    final boolean charLevel;
    final Integer maxlen;
    final SequenceEnd padding;
    final SequenceEnd truncating;
    final int value;
    final boolean stripHtml;
    final boolean nfkc;
    final int minCount;

    private TextSettings(TextSpec s) {
        this.numWords = s.numWords();
        this.oovToken = s.oovToken();
        this.filters = s.filters();
        this.lower = s.lower();
        this.split = s.split();
        this.charLevel = s.charLevel();
        this.maxlen = s.maxlen();
        this.padding = s.padding();
        this.truncating = s.truncating();
        this.value = s.value();
        this.stripHtml = s.stripHtml();
        this.nfkc = s.nfkc();
        this.minCount = s.minCount();
    }

    static TextSettings of(TextSpec spec) {
        return new TextSettings(Objects.requireNonNull(spec, "spec"));
    }

    TextSpec toSpec() {
        return new TextSpec(numWords, oovToken, filters, lower, split, charLevel, maxlen, padding, truncating, value,
                stripHtml, nfkc, minCount);
    }

    /** Keras treats {@code num_words} 0 like None: {@code if num_words and i >= num_words}. */
    int idLimit() {
        return numWords == null || numWords <= 0 ? Integer.MAX_VALUE : numWords;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextSettings && ((TextSettings) o).toSpec().equals(toSpec());
    }

    @Override
    public int hashCode() {
        return toSpec().hashCode();
    }
}
