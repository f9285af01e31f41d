package dev.seqtrain.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts tokens over documents on one machine: the whole corpus for {@link Vocabulary#fit}, or one Spark partition
 * (documents given with their corpus-wide index) whose {@link #counts()} are then merged with
 * {@link TokenCount#merge}. Not thread-safe; not meant to be serialized.
 */
public final class TokenCounter {
    private final Map<String, Accumulator> byToken = new LinkedHashMap<>();
    private long documents;

    private static final class Accumulator {
        long count;
        long documents;
        long firstDoc;
        int firstPos;
        long lastSerial = -1; // the document (by arrival) that last counted this token: one lookup per token

        Accumulator(long firstDoc, int firstPos) {
            this.firstDoc = firstDoc;
            this.firstPos = firstPos;
        }

        boolean isAfter(long doc, int pos) {
            return doc < firstDoc || (doc == firstDoc && pos < firstPos);
        }
    }

    /** Adds one document. {@code docIndex} is its position in the corpus; documents may come in any order. */
    public void add(long docIndex, List<String> tokens) {
        long serial = documents++;
        for (int pos = 0; pos < tokens.size(); pos++) {
            String token = tokens.get(pos);
            Accumulator acc = byToken.get(token);
            if (acc == null) {
                acc = new Accumulator(docIndex, pos);
                byToken.put(token, acc);
            }
            boolean firstInDoc = acc.lastSerial != serial;
            acc.lastSerial = serial;
            if (firstInDoc && acc.isAfter(docIndex, pos)) {
                // partitions need not arrive in corpus order
                acc.firstDoc = docIndex;
                acc.firstPos = pos;
            }
            acc.count++;
            if (firstInDoc) {
                acc.documents++;
            }
        }
    }

    /** Documents added so far. */
    public long documentCount() {
        return documents;
    }

    /** One entry per distinct token, in the order tokens were first added. */
    public List<TokenCount> counts() {
        List<TokenCount> out = new ArrayList<>(byToken.size());
        byToken.forEach((token, acc) ->
                out.add(new TokenCount(token, acc.count, acc.documents, acc.firstDoc, acc.firstPos)));
        return out;
    }
}
