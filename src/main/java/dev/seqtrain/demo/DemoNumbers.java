package dev.seqtrain.demo;

import java.util.SplittableRandom;

/**
 * The embedded sequence to sequence demo: numbers 0..{@code maxNumber} spelled out in English words ("three hundred
 * forty two thousand one") and written in digits ("342001"). Each number belongs to one {@link Side} for good, decided
 * by a hash of the number alone (not of the seed or the pair), so pairs generated for the held-out side, with any
 * seed, never show a number of the training side. Seeded per pair, so any partition generates the same pair i.
 */
public final class DemoNumbers {
    /** The largest number the words cover. */
    public static final int LIMIT = 999_999;

    /** Which numbers a pair is drawn from: the training numbers or the held-out ones. */
    public enum Side { TRAIN, HELD_OUT }

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};
    // a side with no number of the range would make pair() draw for ever
    private static final int MAX_DRAWS = 1_000_000;

    private final long seed;
    private final int maxNumber;
    private final double heldOut;

    /**
     * @param maxNumber the largest number drawn (0..{@link #LIMIT})
     * @param heldOut   the share of the numbers on the held-out side
     */
    public DemoNumbers(long seed, int maxNumber, double heldOut) {
        if (maxNumber < 0 || maxNumber > LIMIT) {
            throw new IllegalArgumentException("maxNumber must be in 0.." + LIMIT + ", got " + maxNumber);
        }
        if (!(heldOut > 0 && heldOut < 1)) {
            throw new IllegalArgumentException("heldOut must be between 0 and 1 (exclusive), got " + heldOut);
        }
        this.seed = seed;
        this.maxNumber = maxNumber;
        this.heldOut = heldOut;
    }

    /** The side number {@code n} belongs to: a hash of {@code n} alone, so the split never depends on the seed. */
    public Side side(int n) {
        double u = new SplittableRandom(0x5EED_D1617L + n).nextDouble();
        return u < heldOut ? Side.HELD_OUT : Side.TRAIN;
    }

    /** Pair {@code i} of {@code side}: (words, digits), drawn uniformly from that side's numbers. */
    public String[] pair(long i, Side side) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            int n = random.nextInt(maxNumber + 1);
            if (side(n) == side) return new String[] {words(n), Integer.toString(n)};
        }
        throw new IllegalStateException("no number of 0.." + maxNumber + " is on the " + side
                + " side; raise the largest number or change the held-out share");
    }

    /** {@code n} in 0..999,999 in words, Keras-tokenizable (no hyphens, no "and"). */
    public static String words(int n) {
        if (n < 20) return ONES[n];
        if (n < 100) return TENS[n / 10] + (n % 10 == 0 ? "" : " " + ONES[n % 10]);
        if (n < 1000) return ONES[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + words(n % 100));
        return words(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + words(n % 1000));
    }
}
