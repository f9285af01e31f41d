package dev.seqtrain.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU as Papineni et al. (2002) define it: modified (clipped) n-gram precisions for n = 1..4 summed over the
 * whole corpus, their geometric mean with uniform weights, times the brevity penalty {@code exp(1 - r/c)} when the
 * candidates' total length c is at most the effective reference length r (the sum, over sentences, of the reference
 * length closest to the candidate's; the shorter one on a tie). No smoothing: a corpus without a single matching
 * 4-gram scores 0, as in the paper and in {@code multi-bleu.perl}.
 *
 * <p>Tokens are compared with {@code equals}; callers pass whatever their unit is (words, phonemes, characters).
 * Accumulates sentence by sentence, so partitions can be merged ({@link #merge}).
 */
public final class Bleu implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The highest n-gram order. */
    public static final int MAX_ORDER = 4;

    private final long[] matches = new long[MAX_ORDER];
    private final long[] totals = new long[MAX_ORDER];
    private long candidateLength;
    private long referenceLength;

    /** Adds one candidate with its references (at least one). */
    public <T> void addWithReferences(List<T> candidate, List<List<T>> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference per candidate");
        }
        candidateLength += candidate.size();
        referenceLength += closestLength(candidate.size(), references);
        for (int n = 1; n <= MAX_ORDER; n++) {
            Map<List<T>, Integer> counts = ngrams(candidate, n);
            Map<List<T>, Integer> maxReference = new HashMap<>();
            for (List<T> reference : references) {
                ngrams(reference, n).forEach((gram, count) -> maxReference.merge(gram, count, Math::max));
            }
            for (Map.Entry<List<T>, Integer> e : counts.entrySet()) {
                matches[n - 1] += Math.min(e.getValue(), maxReference.getOrDefault(e.getKey(), 0));
                totals[n - 1] += e.getValue();
            }
        }
    }

    /** Adds one candidate with a single reference. */
    public <T> void add(List<T> candidate, List<T> reference) {
        addWithReferences(candidate, List.of(reference));
    }

    /** Adds another accumulator's counts into this one. */
    public Bleu merge(Bleu other) {
        for (int i = 0; i < MAX_ORDER; i++) {
            matches[i] += other.matches[i];
            totals[i] += other.totals[i];
        }
        candidateLength += other.candidateLength;
        referenceLength += other.referenceLength;
        return this;
    }

    /** The modified precision of n-grams of order n (1-based); 0 when the candidates have no n-gram of that order. */
    public double precision(int n) {
        return totals[n - 1] == 0 ? 0.0 : (double) matches[n - 1] / totals[n - 1];
    }

    /** {@code min(1, exp(1 - r/c))}; 0 for empty candidates. */
    public double brevityPenalty() {
        if (candidateLength == 0) {
            return 0.0;
        }
        if (candidateLength > referenceLength) {
            return 1.0;
        }
        return Math.exp(1.0 - (double) referenceLength / candidateLength);
    }

    /** Corpus BLEU in [0, 1]. */
    public double score() {
        double logSum = 0.0;
        for (int n = 1; n <= MAX_ORDER; n++) {
            double p = precision(n);
            if (p == 0.0) {
                return 0.0;
            }
            logSum += Math.log(p);
        }
        return brevityPenalty() * Math.exp(logSum / MAX_ORDER);
    }

    private static <T> int closestLength(int length, List<List<T>> references) {
        int best = references.get(0).size();
        for (List<T> reference : references) {
            int d = Math.abs(reference.size() - length);
            int bestD = Math.abs(best - length);
            if (d < bestD || d == bestD && reference.size() < best) {
                best = reference.size();
            }
        }
        return best;
    }

    private static <T> Map<List<T>, Integer> ngrams(List<T> tokens, int n) {
        Map<List<T>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }
}
