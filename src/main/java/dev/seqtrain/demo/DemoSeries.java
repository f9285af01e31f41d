package dev.seqtrain.demo;

import java.util.SplittableRandom;

/**
 * The embedded numeric demo: sequences of {@code timesteps x features} standard normal values, generated from a seed,
 * one series per index (executors generate their share independently, as for {@link DemoReviews}).
 *
 * <p>The target needs both ends of the sequence: the sum of the last step's features minus the first step's first
 * feature (variance {@code features + 1}). A model that keeps only the last step cannot get below variance 1; the class
 * label is the target's sign, {@code up} or {@code down}.
 */
public final class DemoSeries {
    private final long seed;
    private final int timesteps;
    private final int features;

    public DemoSeries(long seed, int timesteps, int features) {
        this.seed = seed;
        this.timesteps = timesteps;
        this.features = features;
    }

    /** Time-major values {@code x[t * features + f]} and the target. */
    public record Series(float[] values, float target) {
        /** The class of the target: {@code up} (> 0) or {@code down}. */
        public String direction() {
            return target > 0 ? "up" : "down";
        }
    }

    /** Series number {@code index}: a pure function of (seed, index). */
    public Series series(long index) {
        SplittableRandom r = new SplittableRandom(DemoReviews.mix(seed, index));
        float[] x = new float[timesteps * features];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float target = -x[0];
        for (int f = 0; f < features; f++) target += x[(timesteps - 1) * features + f];
        return new Series(x, target);
    }
}
