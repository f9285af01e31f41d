package dev.seqtrain.metrics;

import java.util.List;

/**
 * Levenshtein distance between token sequences (insertions, deletions and substitutions cost 1), and the error rate
 * built on it: the sum of the distances over the sum of the reference lengths (word, phoneme or character error rate,
 * depending on what the tokens are). Accumulates sentence by sentence, mergeable across partitions.
 */
public final class EditDistance implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private long edits;
    private long referenceTokens;
    private long sequences;
    private long exact;

    /** The edit distance between two sequences, in O(|a|·|b|) time and O(|b|) memory. */
    public static <T> int distance(List<T> a, List<T> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            current[0] = i;
            T ai = a.get(i - 1);
            for (int j = 1; j <= b.size(); j++) {
                int substitute = previous[j - 1] + (ai.equals(b.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    /** Adds one hypothesis against its reference. */
    public <T> void add(List<T> hypothesis, List<T> reference) {
        int d = distance(hypothesis, reference);
        edits += d;
        referenceTokens += reference.size();
        sequences++;
        if (d == 0) {
            exact++;
        }
    }

    public EditDistance merge(EditDistance other) {
        edits += other.edits;
        referenceTokens += other.referenceTokens;
        sequences += other.sequences;
        exact += other.exact;
        return this;
    }

    /** Total edits over total reference tokens (can exceed 1); 0 when nothing was added. */
    public double errorRate() {
        return referenceTokens == 0 ? 0.0 : (double) edits / referenceTokens;
    }

    /** The share of sequences reproduced exactly (the complement of the sequence error rate). */
    public double exactMatch() {
        return sequences == 0 ? 0.0 : (double) exact / sequences;
    }

    public long sequences() {
        return sequences;
    }
}
