package dev.seqtrain.text;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * One token's statistics over a corpus, as the distributed count produces them.
 *
 * @param token     the token
 * @param count     occurrences in the corpus (Keras {@code word_counts})
 * @param documents documents containing it (Keras {@code word_docs})
 * @param firstDoc  index of the first document (in corpus order) containing it; -1 for an OOV token never seen
 * @param firstPos  token position of its first occurrence in that document; -1 for an OOV token never seen
 *
 * <p>A record: Spark's Kryo 4 cannot serialize records, so a Spark job that shuffles these under Kryo must register
 * them with Kryo's {@code JavaSerializer} (or shuffle plain tuples).
 */
public record TokenCount(String token, long count, long documents, long firstDoc, int firstPos)
        implements Serializable {

    /** Keras' first-occurrence order: the insertion order of {@code word_counts}. */
    public static final Comparator<TokenCount> FIRST_OCCURRENCE =
            Comparator.comparingLong(TokenCount::firstDoc).thenComparingInt(TokenCount::firstPos);

    /** Keras' {@code word_index} order: count descending, ties in first-occurrence order (then token, for safety). */
    public static final Comparator<TokenCount> KERAS_RANK = Comparator.comparingLong(TokenCount::count).reversed()
            .thenComparing(FIRST_OCCURRENCE).thenComparing(TokenCount::token);

    public TokenCount {
        Objects.requireNonNull(token, "token");
    }

    /** The reduce step of a distributed count: two partial counts of the same token. */
    public static TokenCount merge(TokenCount a, TokenCount b) {
        if (!a.token.equals(b.token)) {
            throw new IllegalArgumentException("cannot merge counts of different tokens: " + a.token + ", " + b.token);
        }
        TokenCount first = FIRST_OCCURRENCE.compare(a, b) <= 0 ? a : b;
        return new TokenCount(a.token, a.count + b.count, a.documents + b.documents, first.firstDoc, first.firstPos);
    }

    /** Whether the token occurs in the corpus (an OOV token added by the tokenizer does not). */
    public boolean occurs() {
        return firstDoc >= 0;
    }
}
