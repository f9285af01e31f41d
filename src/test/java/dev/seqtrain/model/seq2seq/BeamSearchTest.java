package dev.seqtrain.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Beam search against exhaustive search and greedy decoding on tiny vocabularies. */
class BeamSearchTest {

    private static final int VOCABULARY = 4;
    private static final int END = 3;
    private static final int START = 4;

    /**
     * A decoder whose next-token distribution depends on the whole prefix (a seeded hash of it), so no step can be
     * decided locally: the state is the prefix itself.
     */
    private static final class PrefixModel implements DecoderStep<List<Integer>> {
        private final long seed;

        PrefixModel(long seed) {
            this.seed = seed;
        }

        double[] logProbabilities(List<Integer> prefix) {
            Random r = new Random(seed * 31 + prefix.hashCode());
            double[] logits = new double[VOCABULARY];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < VOCABULARY; i++) {
                logits[i] = 3 * r.nextGaussian();
                max = Math.max(max, logits[i]);
            }
            double sum = 0;
            for (double l : logits) {
                sum += Math.exp(l - max);
            }
            double logSum = max + Math.log(sum);
            for (int i = 0; i < VOCABULARY; i++) {
                logits[i] -= logSum;
            }
            return logits;
        }

        @Override
        public List<Next<List<Integer>>> step(List<List<Integer>> states, int[] lastTokens) {
            List<Next<List<Integer>>> out = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                List<Integer> prefix = new ArrayList<>(states.get(i));
                if (lastTokens[i] != START) {
                    prefix.add(lastTokens[i]);
                }
                out.add(new Next<>(logProbabilities(prefix), List.copyOf(prefix)));
            }
            return out;
        }
    }

    /** Every output of at most maxLength tokens, scored as BeamSearch scores them, best first. */
    private static List<Hypothesis> exhaustive(PrefixModel model, int maxLength, double lengthPenalty) {
        List<Hypothesis> all = new ArrayList<>();
        enumerate(model, new ArrayList<>(), 0.0, maxLength, lengthPenalty, all);
        all.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return all;
    }

    private static void enumerate(PrefixModel model, List<Integer> prefix, double logP, int maxLength,
            double penalty, List<Hypothesis> out) {
        if (prefix.size() == maxLength) {
            out.add(new Hypothesis(List.copyOf(prefix), logP, normalise(logP, prefix.size(), penalty), false));
            return;
        }
        double[] lp = model.logProbabilities(prefix);
        double ended = logP + lp[END];
        out.add(new Hypothesis(List.copyOf(prefix), ended, normalise(ended, prefix.size() + 1, penalty), true));
        for (int token = 0; token < VOCABULARY; token++) {
            if (token != END) {
                prefix.add(token);
                enumerate(model, prefix, logP + lp[token], maxLength, penalty, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    private static double normalise(double logP, int length, double penalty) {
        return penalty == 0 || length == 0 ? logP : logP / Math.pow(length, penalty);
    }

    @Test
    void aBeamAsWideAsTheSearchSpaceFindsWhatExhaustiveSearchFinds() {
        for (long seed = 1; seed <= 20; seed++) {
            PrefixModel model = new PrefixModel(seed);
            for (double penalty : new double[] {0.0, 1.0}) {
                List<Hypothesis> expected = exhaustive(model, 4, penalty);
                List<Hypothesis> got = new BeamSearch(1000, 4, penalty).decode(model, List.of(), START, END);
                for (int rank = 0; rank < 5; rank++) {
                    assertEquals(expected.get(rank).tokens(), got.get(rank).tokens(), "seed " + seed + " rank " + rank);
                    assertEquals(expected.get(rank).score(), got.get(rank).score(), 1e-12);
                    assertEquals(expected.get(rank).finished(), got.get(rank).finished());
                }
            }
        }
    }

    @Test
    void widthOneIsGreedyDecoding() {
        for (long seed = 1; seed <= 20; seed++) {
            PrefixModel model = new PrefixModel(seed);
            List<Integer> prefix = new ArrayList<>();
            double logP = 0;
            boolean finished = false;
            while (prefix.size() < 6) {
                double[] lp = model.logProbabilities(prefix);
                int best = 0;
                for (int t = 1; t < VOCABULARY; t++) {
                    if (lp[t] > lp[best]) {
                        best = t;
                    }
                }
                logP += lp[best];
                if (best == END) {
                    finished = true;
                    break;
                }
                prefix.add(best);
            }
            Hypothesis got = BeamSearch.greedy(6).decode(model, List.of(), START, END).get(0);
            assertEquals(prefix, got.tokens());
            assertEquals(logP, got.logProbability(), 1e-12);
            assertEquals(finished, got.finished());
        }
    }

    @Test
    void aWiderBeamFindsWhatGreedyMisses() {
        // first step: a (0.6) or b (0.4); after a nothing is likely (end 0.3); after b the end is (0.9)
        DecoderStep<String> model = (states, last) -> {
            List<DecoderStep.Next<String>> out = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                String prefix = last[i] == START ? "" : states.get(i) + last[i];
                double[] p = switch (prefix) {
                    case "" -> new double[] {0.6, 0.4, 0.0, 0.0};
                    case "0" -> new double[] {0.25, 0.25, 0.2, 0.3};
                    case "1" -> new double[] {0.05, 0.05, 0.0, 0.9};
                    default -> new double[] {0.0, 0.0, 0.0, 1.0};
                };
                double[] lp = new double[p.length];
                for (int t = 0; t < p.length; t++) {
                    lp[t] = Math.log(p[t]);
                }
                out.add(new DecoderStep.Next<>(lp, prefix));
            }
            return out;
        };
        Hypothesis greedy = BeamSearch.greedy(5).decode(model, "", START, END).get(0);
        assertEquals(List.of(0), greedy.tokens());
        assertEquals(Math.log(0.6 * 0.3), greedy.logProbability(), 1e-12);
        List<Hypothesis> beam = new BeamSearch(2, 5, 0.0).decode(model, "", START, END);
        assertEquals(List.of(1), beam.get(0).tokens());
        assertEquals(Math.log(0.4 * 0.9), beam.get(0).logProbability(), 1e-12);
        assertTrue(beam.get(0).finished());
    }

    @Test
    void outputsAreCutAtTheMaximumLengthAndMarkedUnfinished() {
        DecoderStep<Integer> neverEnds = (states, last) -> states.stream()
                .map(s -> new DecoderStep.Next<>(new double[] {Math.log(0.9), Math.log(0.1), -1e9, -1e9}, s))
                .toList();
        Hypothesis h = BeamSearch.greedy(3).decode(neverEnds, 0, START, END).get(0);
        assertEquals(List.of(0, 0, 0), h.tokens());
        assertFalse(h.finished());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(0, 5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(2, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(2, 5, -1.0));
    }
}
