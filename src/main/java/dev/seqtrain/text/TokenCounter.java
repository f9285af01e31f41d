package dev.seqtrain.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts tokens over documents on one machine: the whole corpus for {@link Vocabulary#fit}, or one Spark partition
 * (documents given with their corpus-wide index) whose {@link #counts()} are then merged with
 * {@link TokenCount#merge}. Not thread-safe; not meant to be serialized.
 *
 * <p>This is prepare's hottest loop (one lookup per token of the corpus): tokens are looked up by their range in the
 * normalized text ({@link #addText}, through {@link TokenTable}) without a substring, and a token's statistics sit
 * together in one {@code long[]}, so a lookup touches a few cache lines instead of a map node, a value object and a
 * fresh string.
 */
public final class TokenCounter {
    private static final int STRIDE = 4;
    private static final int COUNT = 0;
    private static final int DOCUMENTS = 1;
    private static final int FIRST_DOC = 2;
    /** The first position in the upper 32 bits, the arrival serial of the last document that counted it below. */
    private static final int POS_AND_LAST = 3;

    private final TokenTable table = new TokenTable();
    private long[] stats = new long[STRIDE << 9];
    private long documents;

    /** Adds one document given as tokens. {@code docIndex} is its position in the corpus; any order. */
    public void add(long docIndex, List<String> documentTokens) {
        int serial = nextSerial();
        for (int pos = 0; pos < documentTokens.size(); pos++) {
            String token = documentTokens.get(pos);
            count(token, 0, token.length(), docIndex, pos, serial);
        }
    }

    /** Adds one document as {@code tokenizer} splits {@code text}: the same counts as {@code add(tokenize(text))}. */
    public void addText(long docIndex, String text, TextTokenizer tokenizer) {
        int serial = nextSerial();
        int[] pos = {0};
        tokenizer.forEachToken(text, (s, start, end) -> count(s, start, end, docIndex, pos[0]++, serial));
    }

    private int nextSerial() {
        return (int) documents++; // wraps after 2^32 documents per counter: only equality with the last one matters
    }

    private void count(String s, int start, int end, long docIndex, int pos, int serial) {
        int before = table.size();
        int e = table.add(s, start, end);
        int at = e * STRIDE;
        if (e == before) {
            if (at == stats.length) stats = Arrays.copyOf(stats, at * 2);
            stats[at + FIRST_DOC] = docIndex;
            stats[at + POS_AND_LAST] = ((long) pos << 32) | 0xFFFFFFFFL; // no document has counted it yet
        }
        long posAndLast = stats[at + POS_AND_LAST];
        if ((int) posAndLast != serial) { // first time in this document
            stats[at + DOCUMENTS]++;
            long firstDoc = stats[at + FIRST_DOC];
            if (docIndex < firstDoc || (docIndex == firstDoc && pos < (int) (posAndLast >>> 32))) {
                // partitions need not arrive in corpus order
                stats[at + FIRST_DOC] = docIndex;
                posAndLast = (long) pos << 32;
            }
            stats[at + POS_AND_LAST] = (posAndLast & 0xFFFFFFFF00000000L) | (serial & 0xFFFFFFFFL);
        }
        stats[at + COUNT]++;
    }

    /** Documents added so far. */
    public long documentCount() {
        return documents;
    }

    /** One entry per distinct token, in the order tokens were first added. */
    public List<TokenCount> counts() {
        List<TokenCount> out = new ArrayList<>(table.size());
        for (int e = 0; e < table.size(); e++) {
            int at = e * STRIDE;
            out.add(new TokenCount(table.token(e), stats[at + COUNT], stats[at + DOCUMENTS], stats[at + FIRST_DOC],
                    (int) (stats[at + POS_AND_LAST] >>> 32)));
        }
        return out;
    }
}
