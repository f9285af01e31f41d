package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code training.lr_schedule}: the learning rate per epoch, with Keras' schedule names and arguments counted in epochs
 * instead of steps. {@code exponential_decay} and {@code step} decay {@code model.optimizer.learning_rate}
 * ({@code decay_rate}, {@code decay_epochs}; {@code step} is the staircase form), {@code cosine_decay} anneals it
 * ({@code decay_epochs}, {@code alpha}), {@code piecewise_constant} gives the rates itself ({@code boundaries},
 * {@code values}). Which keys belong to which type is {@link Type#keys}; the validator refuses the others.
 */
public record LearningRateScheduleSpec(
        @JsonProperty("type") Type type,
        @JsonProperty("decay_rate") Double decayRate,
        @JsonProperty("decay_epochs") Integer decayEpochs,
        @JsonProperty("staircase") Boolean staircase,
        @JsonProperty("alpha") Double alpha,
        @JsonProperty("boundaries") List<Integer> boundaries,
        @JsonProperty("values") List<Double> values) {

    /** {@code training.lr_schedule.type}, with the keys each type takes besides {@code type}: required ones first. */
    public enum Type {
        @JsonProperty("exponential_decay") EXPONENTIAL_DECAY(List.of("decay_rate", "decay_epochs", "staircase")),
        @JsonProperty("step") STEP(List.of("decay_rate", "decay_epochs")),
        @JsonProperty("piecewise_constant") PIECEWISE_CONSTANT(List.of("boundaries", "values")),
        @JsonProperty("cosine_decay") COSINE_DECAY(List.of("decay_epochs", "alpha"));

        private final List<String> keys;

        Type(List<String> keys) {
            this.keys = keys;
        }

        public List<String> keys() {
            return keys;
        }

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    public LearningRateScheduleSpec {
        // type-dependent defaults only: a key the type does not take stays null, so job.yaml reloads cleanly
        if (type == Type.EXPONENTIAL_DECAY && staircase == null) staircase = false;
        if (type == Type.COSINE_DECAY && alpha == null) alpha = 0.0;
        // not List.copyOf: a null entry ([0.1, ~]) must reach the validator, which names it
        if (boundaries != null) boundaries = Collections.unmodifiableList(new ArrayList<>(boundaries));
        if (values != null) values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The checks of this section's own keys; {@code path} is where it sits ({@code training.lr_schedule}). */
    public void validate(String path) {
        String types = String.join(", ", SpecValues.spellings(Type.class));
        SpecCheck.require(type != null, path + ".type", "required: one of " + types + ", e.g. {type: exponential_decay, "
                + "decay_rate: 0.9, decay_epochs: 1}");
        List<String> takes = type.keys();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("decay_rate", decayRate);
        given.put("decay_epochs", decayEpochs);
        given.put("staircase", staircase);
        given.put("alpha", alpha);
        given.put("boundaries", boundaries);
        given.put("values", values);
        given.forEach((key, value) -> SpecCheck.require(value == null || takes.contains(key), path + "." + key,
                "not a key of type " + type + " (it takes " + String.join(", ", takes) + "); remove it"));
        switch (type) {
            case EXPONENTIAL_DECAY, STEP -> {
                SpecCheck.require(decayRate != null, path + ".decay_rate", "required for type " + type
                        + ": the factor per decay_epochs epochs, e.g. decay_rate: 0.9");
                SpecCheck.require(decayRate > 0, path + ".decay_rate", "must be > 0, got " + decayRate);
                decayEpochs(path, this);
            }
            case COSINE_DECAY -> {
                decayEpochs(path, this);
                SpecCheck.require(alpha >= 0 && alpha <= 1, path + ".alpha",
                        "must be in [0, 1] (the final rate as a fraction of the initial one), got " + alpha);
            }
            case PIECEWISE_CONSTANT -> piecewise(path, boundaries, values);
        }
    }

    private static void decayEpochs(String path, LearningRateScheduleSpec s) {
        SpecCheck.require(s.decayEpochs() != null, path + ".decay_epochs", "required for type " + s.type()
                + ": the number of epochs the decay is counted in, e.g. decay_epochs: 1");
        SpecCheck.positive(path + ".decay_epochs", s.decayEpochs());
    }

    private static void piecewise(String path, List<Integer> boundaries, List<Double> values) {
        SpecCheck.require(boundaries != null && !boundaries.isEmpty(), path + ".boundaries",
                "required for type piecewise_constant: the last epoch of each rate but the last, e.g. [3, 6]");
        SpecCheck.require(values != null, path + ".values", "required for type piecewise_constant: one rate per range, "
                + "one more than boundaries, e.g. [0.01, 0.005, 0.001]");
        for (int i = 0; i < boundaries.size(); i++) {
            Integer b = boundaries.get(i);
            SpecCheck.require(b != null && b >= 1, path + ".boundaries[" + i + "]", "must be an epoch number >= 1, got " + b);
            SpecCheck.require(i == 0 || b > boundaries.get(i - 1), path + ".boundaries",
                    "must be increasing epoch numbers, got " + boundaries);
        }
        SpecCheck.require(values.size() == boundaries.size() + 1, path + ".values", String.format(
                "needs one more entry than boundaries (%d boundaries -> %d values), got %d",
                boundaries.size(), boundaries.size() + 1, values.size()));
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            SpecCheck.require(v != null && v >= 0, path + ".values[" + i + "]", "must be a learning rate >= 0, got " + v);
        }
    }
}
