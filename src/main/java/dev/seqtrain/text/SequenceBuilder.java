package dev.seqtrain.text;

import java.util.Arrays;

/**
 * One text's ids under Keras' {@code texts_to_sequences} rule, token by token: a token in the table with an index
 * below {@code idLimit} gives that index (table entry i = index i + 1), any other token the OOV id, or nothing without
 * an OOV token. Counts the tokens it was given, so callers get the OOV count without keeping the tokens.
 */
final class SequenceBuilder implements TextTokenizer.TokenSink {
    private final TokenTable table;
    private final int idLimit;
    private final int oovIndex;
    private int[] ids;
    private int size;
    private int tokens;

    SequenceBuilder(TokenTable table, int idLimit, int oovIndex, int expectedTokens) {
        this.table = table;
        this.idLimit = idLimit;
        this.oovIndex = oovIndex;
        this.ids = new int[Math.max(8, expectedTokens)];
    }

    @Override
    public void token(String s, int start, int end) {
        tokens++;
        int entry = table.find(s, start, end);
        int id = entry >= 0 && entry + 1 < idLimit ? entry + 1 : oovIndex;
        if (id <= 0) return; // unknown, and no OOV token: Keras drops it
        if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
        ids[size++] = id;
    }

    int[] ids() {
        return size == ids.length ? ids : Arrays.copyOf(ids, size);
    }

    /** Tokens given so far, dropped ones included. */
    int tokens() {
        return tokens;
    }
}
