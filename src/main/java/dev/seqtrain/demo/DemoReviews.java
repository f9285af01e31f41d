package dev.seqtrain.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedded demo corpus: short English-like movie reviews labelled {@code pos}/{@code neg}, generated from a seed,
 * one review per index so executors generate their share independently.
 *
 * <p>Word order decides the label. Half of the reviews contrast two clauses of opposite polarity ("the plot was dull
 * but the acting was superb"; "although ..., ..."): the clause after the contrast word wins, and both orders use the
 * same words, so a bag of words cannot tell them apart. Negation ("not", "never") flips the adjective right after it.
 * A model that only counts words is near chance on the contrast half; a sequence model can learn all of it.
 */
public final class DemoReviews {

    private static final String[] SUBJECTS = {"the plot", "the acting", "the story", "the script", "the cast",
            "the music", "the ending", "the direction", "this movie", "the film", "the dialogue", "the pacing",
            "the soundtrack", "the cinematography", "the lead actor", "the characters"};
    private static final String[] VERBS = {"was", "is", "felt", "seemed", "looked"};
    private static final String[] INTENSIFIERS = {"really", "very", "quite", "truly", "rather", "so", "incredibly"};
    private static final String[] POSITIVE = {"good", "great", "excellent", "wonderful", "brilliant", "enjoyable",
            "funny", "moving", "charming", "superb", "clever", "beautiful", "gripping", "fresh"};
    private static final String[] NEGATIVE = {"bad", "boring", "awful", "terrible", "dull", "weak", "poor",
            "tedious", "bland", "clumsy", "predictable", "messy", "silly", "forgettable"};
    private static final String[] NEGATIONS = {"not", "never"};
    private static final String[] OPENERS = {"i watched it last night .", "saw this with friends .",
            "we rented it on friday .", "my sister recommended it .", "finally saw it .", "long review short ."};
    private static final String[] CLOSERS = {"", "", " overall .", " in my opinion .", " to be honest .",
            " for me ."};

    private final long seed;

    public DemoReviews(long seed) {
        this.seed = seed;
    }

    /** A review and its label. */
    public record Review(String text, String label) {
    }

    /** Review number {@code index}: a pure function of (seed, index). */
    public Review review(long index) {
        SplittableRandom r = new SplittableRandom(mix(seed, index));
        boolean positive = r.nextBoolean();
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(4) == 0) sb.append(pick(r, OPENERS)).append(' ');
        int shape = r.nextInt(10);
        if (shape < 5) {
            // contrast: the second clause decides; the first has the opposite polarity
            String first = clause(r, !positive);
            String second = clause(r, positive);
            if (r.nextBoolean()) {
                sb.append(first).append(r.nextBoolean() ? " but " : " , however ").append(second);
            } else {
                sb.append(r.nextBoolean() ? "although " : "even though ").append(first).append(" , ").append(second);
            }
        } else if (shape < 8) {
            sb.append(clause(r, positive));
        } else {
            // two clauses agreeing, joined by "and"
            sb.append(clause(r, positive)).append(" and ").append(clause(r, positive));
        }
        sb.append(pick(r, CLOSERS));
        return new Review(sb.toString(), positive ? "pos" : "neg");
    }

    public List<Review> reviews(long from, long to) {
        List<Review> out = new ArrayList<>();
        for (long i = from; i < to; i++) out.add(review(i));
        return out;
    }

    /** A clause with the given polarity; half the time a negated adjective of the opposite polarity. */
    private static String clause(SplittableRandom r, boolean positive) {
        boolean negated = r.nextInt(2) == 0;
        boolean adjectivePositive = negated != positive;
        StringBuilder sb = new StringBuilder();
        sb.append(pick(r, SUBJECTS)).append(' ').append(pick(r, VERBS)).append(' ');
        if (negated) sb.append(pick(r, NEGATIONS)).append(' ');
        if (r.nextInt(3) == 0) sb.append(pick(r, INTENSIFIERS)).append(' ');
        sb.append(pick(r, adjectivePositive ? POSITIVE : NEGATIVE));
        return sb.toString();
    }

    private static String pick(SplittableRandom r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    /** SplitMix64 finaliser over (seed, index): independent streams per review. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
