package dev.seqtrain.train;

import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.LearningRateScheduleSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keras' schedule formulas, counted in epochs (epoch 1 is Keras' step 0), written out by hand below. */
class LearningRateScheduleTest {
    private static final double EPS = 1e-12;

    private static LearningRateSchedule schedule(String yaml, double initial) {
        LearningRateScheduleSpec spec = JobSpecLoader.parse("x.yaml", "output: {dir: /tmp/x}\nmodel: {layers: [{dense: {units: 1}}]}\n",
                List.of("training.lr_schedule=" + yaml)).training().lrSchedule();
        return LearningRateSchedule.of(spec, initial);
    }

    @Test
    void withoutScheduleTheOptimizersRateThroughout() {
        LearningRateSchedule s = LearningRateSchedule.of(null, 0.005);
        for (int e = 1; e <= 5; e++) assertEquals(0.005, s.rate(e));
    }

    @Test
    void exponentialDecay() {
        LearningRateSchedule s = schedule("{type: exponential_decay, decay_rate: 0.5, decay_epochs: 2}", 0.01);
        assertEquals(0.01, s.rate(1), EPS);
        assertEquals(0.01 * Math.sqrt(0.5), s.rate(2), EPS);
        assertEquals(0.005, s.rate(3), EPS);
        assertEquals(0.0025, s.rate(5), EPS);
        LearningRateSchedule stairs = schedule("{type: exponential_decay, decay_rate: 0.5, decay_epochs: 2, staircase: true}", 0.01);
        assertEquals(0.01, stairs.rate(2), EPS);
        assertEquals(0.005, stairs.rate(3), EPS);
    }

    @Test
    void stepIsTheStaircase() {
        LearningRateSchedule s = schedule("{type: step, decay_rate: 0.1, decay_epochs: 3}", 1.0);
        double[] expected = {1, 1, 1, 0.1, 0.1, 0.1, 0.01};
        for (int e = 1; e <= expected.length; e++) assertEquals(expected[e - 1], s.rate(e), EPS, "epoch " + e);
    }

    @Test
    void cosineDecayEndsAtAlphaAndStaysThere() {
        LearningRateSchedule s = schedule("{type: cosine_decay, decay_epochs: 4, alpha: 0.1}", 0.1);
        assertEquals(0.1, s.rate(1), EPS);
        assertEquals(0.1 * (0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)) + 0.1), s.rate(2), EPS);
        assertEquals(0.1 * (0.9 * 0.5 + 0.1), s.rate(3), EPS);
        assertEquals(0.01, s.rate(5), EPS);
        assertEquals(0.01, s.rate(9), EPS);
    }

    @Test
    void piecewiseConstantBoundariesAreTheLastEpochOfEachRate() {
        LearningRateSchedule s = schedule("{type: piecewise_constant, boundaries: [2, 4], values: [0.1, 0.05, 0.01]}", 0.5);
        double[] expected = {0.1, 0.1, 0.05, 0.05, 0.01, 0.01};
        for (int e = 1; e <= expected.length; e++) assertEquals(expected[e - 1], s.rate(e), "epoch " + e);
    }
}
