package dev.seqtrain.text;

import dev.seqtrain.job.TextSpec;

import java.io.Serializable;
import java.util.List;

/**
 * Text to padded ids in one object, for a Spark broadcast: the tokenizer and only the part of the vocabulary that
 * encoding can emit (ids below {@code num_words}), so a 500k-word index with {@code num_words: 10000} ships 10k
 * tokens. Encodes exactly as {@link Vocabulary#encode} does. Thread-safe; the lookup is rebuilt lazily.
 */
public final class TextEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TextSettings settings;
    private final TextTokenizer tokenizer;
    private final String[] tokens; // index i + 1
    private final int oovIndex;
    private final LazyTokenTable table = new LazyTokenTable();

    private TextEncoder(Vocabulary vocabulary) {
        this.settings = vocabulary.settings();
        this.tokenizer = TextTokenizer.of(settings);
        this.tokens = vocabulary.tokensBelow(settings.idLimit()).toArray(new String[0]);
        this.oovIndex = vocabulary.oovIndex();
    }

    public static TextEncoder of(Vocabulary vocabulary) {
        return new TextEncoder(vocabulary);
    }

    /** A text's ids and how many tokens it had (more than ids when unknown tokens are dropped, without OOV token). */
    public record Encoded(int[] ids, int tokens) {
    }

    /** Keras {@code texts_to_sequences} for one text. */
    public int[] encode(String text) {
        return encodeCounting(text).ids();
    }

    /** {@link #encode}, plus the text's token count; no string is made per token. */
    public Encoded encodeCounting(String text) {
        SequenceBuilder out = new SequenceBuilder(table(), settings.idLimit(), oovIndex, 16);
        tokenizer.forEachToken(text, out);
        return new Encoded(out.ids(), out.tokens());
    }

    /** The same for tokens already produced by {@link #tokenizer()} or normalized by it (CoNLL tokens). */
    public int[] encodeTokens(List<String> tokenized) {
        return Vocabulary.encode(tokenized, table(), settings.idLimit(), oovIndex);
    }

    /** The OOV id, or -1 without an OOV token. */
    public int oovIndex() {
        return oovIndex;
    }

    /** {@link #encode} then {@code pad_sequences} with the spec's maxlen, padding, truncating and value. */
    public int[] encodePadded(String text) {
        if (settings.maxlen == null) {
            throw new IllegalStateException("text.maxlen is not set: cannot pad to a fixed length");
        }
        return SequencePadding.pad(encode(text), settings.maxlen, settings.padding, settings.truncating,
                settings.value);
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    public TextSpec spec() {
        return settings.toSpec();
    }

    private TokenTable table() {
        return table.of(tokens);
    }
}
