package dev.seqtrain.train;

import dev.seqtrain.job.LearningRateScheduleSpec;

import java.util.List;

/**
 * The learning rate of each epoch: Keras' schedule formulas with the step counted in epochs. Exponential, step and
 * cosine decay start from the optimizer's rate at epoch 1 and use the epochs trained before this one
 * ({@code epoch - 1}) as Keras' step; piecewise constant gives epochs {@code 1..boundaries[0]} {@code values[0]}, the
 * epochs up to {@code boundaries[1]} {@code values[1]}, and so on. A pure function of the epoch number, so a resumed
 * run continues the schedule where the checkpoint left it.
 */
public final class LearningRateSchedule {
    private final LearningRateScheduleSpec spec;
    private final double initial;

    private LearningRateSchedule(LearningRateScheduleSpec spec, double initial) {
        this.spec = spec;
        this.initial = initial;
    }

    /** {@code spec} null: the optimizer's rate throughout. */
    public static LearningRateSchedule of(LearningRateScheduleSpec spec, double initialRate) {
        return new LearningRateSchedule(spec, initialRate);
    }

    /** The rate for epoch {@code epoch} (1-based). */
    public double rate(int epoch) {
        if (spec == null) return initial;
        int step = epoch - 1;
        return switch (spec.type()) {
            case EXPONENTIAL_DECAY -> {
                double p = (double) step / spec.decayEpochs();
                yield initial * Math.pow(spec.decayRate(), spec.staircase() ? Math.floor(p) : p);
            }
            case STEP -> initial * Math.pow(spec.decayRate(), Math.floor((double) step / spec.decayEpochs()));
            case COSINE_DECAY -> {
                double done = Math.min(step, spec.decayEpochs()) / (double) spec.decayEpochs();
                double cosine = 0.5 * (1 + Math.cos(Math.PI * done));
                yield initial * ((1 - spec.alpha()) * cosine + spec.alpha());
            }
            case PIECEWISE_CONSTANT -> piecewise(epoch);
        };
    }

    private double piecewise(int epoch) {
        List<Integer> b = spec.boundaries();
        for (int i = 0; i < b.size(); i++) {
            if (epoch <= b.get(i)) return spec.values().get(i);
        }
        return spec.values().get(b.size());
    }
}
