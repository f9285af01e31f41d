package dev.seqtrain.demo;

import java.util.SplittableRandom;

/**
 * The embedded sequence to sequence demo: numbers 0..999 spelled out in English words ("three hundred forty two")
 * and written in digits ("342"). Seeded per pair, so any partition generates the same pair i.
 */
public final class DemoNumbers {
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};

    private final long seed;

    public DemoNumbers(long seed) {
        this.seed = seed;
    }

    /** Pair {@code i}: (words, digits). */
    public String[] pair(long i) {
        int n = new SplittableRandom(seed * 1_000_003L + i).nextInt(1000);
        return new String[] {words(n), Integer.toString(n)};
    }

    /** {@code n} in 0..999 in words, Keras-tokenizable (no hyphens). */
    public static String words(int n) {
        if (n < 20) return ONES[n];
        if (n < 100) return TENS[n / 10] + (n % 10 == 0 ? "" : " " + ONES[n % 10]);
        return ONES[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + words(n % 100));
    }
}
