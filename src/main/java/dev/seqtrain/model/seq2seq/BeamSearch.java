package dev.seqtrain.model.seq2seq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Beam search over a {@link DecoderStep}; a width of 1 is greedy decoding.
 *
 * <p>At each step every live hypothesis is extended by every token and the {@code width} best extensions by total
 * log-probability are kept, as in fairseq and OpenNMT. An extension ending in the end token is finished and leaves the
 * beam; the search stops when {@code width} hypotheses are finished, none is left alive, or {@code maxLength} tokens
 * have been written (the live ones are then returned unfinished). Finished hypotheses are ranked by
 * {@code logP / length^lengthPenalty}, length counting the end token (fairseq's {@code lenpen}; 0 ranks by raw
 * log-probability, which favours short outputs).
 */
public final class BeamSearch {

    private final int width;
    private final int maxLength;
    private final double lengthPenalty;

    public BeamSearch(int width, int maxLength, double lengthPenalty) {
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be at least 1, got " + width);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum output length must be at least 1, got " + maxLength);
        }
        if (lengthPenalty < 0 || !Double.isFinite(lengthPenalty)) {
            throw new IllegalArgumentException("length penalty must be >= 0, got " + lengthPenalty);
        }
        this.width = width;
        this.maxLength = maxLength;
        this.lengthPenalty = lengthPenalty;
    }

    public static BeamSearch greedy(int maxLength) {
        return new BeamSearch(1, maxLength, 0.0);
    }

    /**
     * Decodes one sequence.
     *
     * @return at most {@code width} hypotheses, best first
     */
    public <S> List<Hypothesis> decode(DecoderStep<S> decoder, S initial, int startToken, int endToken) {
        List<Live<S>> live = List.of(new Live<>(List.of(), 0.0, initial, startToken));
        List<Hypothesis> done = new ArrayList<>();
        for (int length = 1; length <= maxLength && !live.isEmpty() && done.size() < width; length++) {
            List<S> states = new ArrayList<>(live.size());
            int[] last = new int[live.size()];
            for (int i = 0; i < live.size(); i++) {
                states.add(live.get(i).state());
                last[i] = live.get(i).lastToken();
            }
            List<DecoderStep.Next<S>> next = decoder.step(states, last);
            List<Extension> best = bestExtensions(live, next, width - done.size());
            List<Live<S>> nextLive = new ArrayList<>(best.size());
            for (Extension e : best) {
                Live<S> parent = live.get(e.hypothesis());
                if (e.token() == endToken) {
                    done.add(hypothesis(parent.tokens(), e.logProbability(), true));
                } else {
                    List<Integer> tokens = new ArrayList<>(parent.tokens());
                    tokens.add(e.token());
                    nextLive.add(new Live<>(List.copyOf(tokens), e.logProbability(),
                            next.get(e.hypothesis()).state(), e.token()));
                }
            }
            live = nextLive;
        }
        for (Live<S> l : live) {
            done.add(hypothesis(l.tokens(), l.logProbability(), false));
        }
        done.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return done.size() > width ? List.copyOf(done.subList(0, width)) : List.copyOf(done);
    }

    private Hypothesis hypothesis(List<Integer> tokens, double logProbability, boolean finished) {
        int length = tokens.size() + (finished ? 1 : 0);
        double score = lengthPenalty == 0.0 || length == 0 ? logProbability
                : logProbability / Math.pow(length, lengthPenalty);
        return new Hypothesis(tokens, logProbability, score, finished);
    }

    /** The k best (hypothesis, token) extensions by total log-probability, best first. */
    private static <S> List<Extension> bestExtensions(List<Live<S>> live, List<DecoderStep.Next<S>> next, int k) {
        if (next.size() != live.size()) {
            throw new IllegalStateException("decoder returned " + next.size() + " steps for " + live.size()
                    + " hypotheses");
        }
        PriorityQueue<Extension> heap = new PriorityQueue<>(Comparator.comparingDouble(Extension::logProbability));
        for (int h = 0; h < live.size(); h++) {
            double base = live.get(h).logProbability();
            double[] lp = next.get(h).logProbabilities();
            for (int token = 0; token < lp.length; token++) {
                double total = base + lp[token];
                if (heap.size() < k) {
                    heap.add(new Extension(h, token, total));
                } else if (total > heap.peek().logProbability()) {
                    heap.poll();
                    heap.add(new Extension(h, token, total));
                }
            }
        }
        List<Extension> best = new ArrayList<>(heap);
        best.sort(Comparator.comparingDouble(Extension::logProbability).reversed());
        return best;
    }

    private record Live<S>(List<Integer> tokens, double logProbability, S state, int lastToken) {
    }

    private record Extension(int hypothesis, int token, double logProbability) {
    }
}
