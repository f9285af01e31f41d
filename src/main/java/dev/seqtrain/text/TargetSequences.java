package dev.seqtrain.text;

import java.util.Arrays;

/**
 * The decoder's two sequences for teacher forcing, made from a target text's token ids: the input starts with the
 * start token and the output ends with the end token, each shifted by one against the other
 * ({@code input[t + 1] == output[t]}), both padded with 0 after the tokens (decoders are always post-padded: step t
 * of the output must follow step t of the input).
 *
 * <p>The start and end tokens are not words of the target tokenizer: they take the two ids after its vocabulary
 * ({@code end = size}, {@code start = size + 1}, where ids {@code 0 .. size - 1} are padding and the tokenizer's
 * words), so no text and no tokenizer filter can produce or remove them. The decoder's embedding then has
 * {@code size + 2} rows and its softmax {@code size + 1} classes (the start token is never predicted).
 */
public record TargetSequences(int vocabularySize, int maxlen) implements java.io.Serializable {

    public TargetSequences {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("target vocabulary size must be positive, got " + vocabularySize);
        }
        if (maxlen < 1) {
            throw new IllegalArgumentException("target maxlen must be positive, got " + maxlen);
        }
    }

    public int endToken() {
        return vocabularySize;
    }

    public int startToken() {
        return vocabularySize + 1;
    }

    /** Rows of the decoder's embedding: the vocabulary plus the end and start tokens. */
    public int inputVocabularySize() {
        return vocabularySize + 2;
    }

    /** Classes of the decoder's softmax: the vocabulary plus the end token. */
    public int outputClasses() {
        return vocabularySize + 1;
    }

    /** Whether a target of {@code tokens} ids fits: with the end token, at most {@code maxlen} steps. */
    public boolean fits(int tokens) {
        return tokens + 1 <= maxlen;
    }

    /** The decoder input: start token, then the ids; 0 after. */
    public int[] input(int[] ids) {
        check(ids);
        int[] out = new int[maxlen];
        out[0] = startToken();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /** The decoder output (what each step must predict): the ids, then the end token; 0 after. */
    public int[] output(int[] ids) {
        check(ids);
        int[] out = Arrays.copyOf(ids, maxlen);
        out[ids.length] = endToken();
        return out;
    }

    /** The ids a decoded sequence stands for: up to the first end token, without it. */
    public int[] strip(int[] decoded) {
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == endToken()) {
                return Arrays.copyOf(decoded, i);
            }
        }
        return decoded.clone();
    }

    private void check(int[] ids) {
        if (!fits(ids.length)) {
            throw new IllegalArgumentException("a target of " + ids.length + " tokens does not fit maxlen " + maxlen
                    + " with its end token");
        }
        for (int id : ids) {
            if (id < 1 || id >= vocabularySize) {
                throw new IllegalArgumentException("target id " + id + " is outside the vocabulary 1.."
                        + (vocabularySize - 1));
            }
        }
    }
}
