package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
}
