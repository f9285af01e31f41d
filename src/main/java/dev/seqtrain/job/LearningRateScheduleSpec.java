package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code training.lr_schedule}: the learning rate per epoch, with Keras' schedule names and arguments counted in epochs
 * instead of steps. {@code exponential_decay} and {@code step} decay {@code model.optimizer.learning_rate}
 * ({@code decay_rate}, {@code decay_epochs}; {@code step} is the staircase form), {@code cosine_decay} anneals it
 * ({@code decay_epochs}, {@code alpha}), {@code piecewise_constant} gives the rates itself ({@code boundaries},
 * {@code values}). Which keys belong to which type is {@link #KEYS}; the validator refuses the others.
 */
public record LearningRateScheduleSpec(
        @JsonProperty("type") String type,
        @JsonProperty("decay_rate") Double decayRate,
        @JsonProperty("decay_epochs") Integer decayEpochs,
        @JsonProperty("staircase") Boolean staircase,
        @JsonProperty("alpha") Double alpha,
        @JsonProperty("boundaries") List<Integer> boundaries,
        @JsonProperty("values") List<Double> values) {

    public static final String EXPONENTIAL_DECAY = "exponential_decay";
    public static final String STEP = "step";
    public static final String PIECEWISE_CONSTANT = "piecewise_constant";
    public static final String COSINE_DECAY = "cosine_decay";
    public static final List<String> TYPES = List.of(EXPONENTIAL_DECAY, STEP, PIECEWISE_CONSTANT, COSINE_DECAY);

    /** The keys each type takes besides {@code type}: required ones first, then optional ones (with defaults). */
    public static final Map<String, List<String>> KEYS = Map.of(
            EXPONENTIAL_DECAY, List.of("decay_rate", "decay_epochs", "staircase"),
            STEP, List.of("decay_rate", "decay_epochs"),
            PIECEWISE_CONSTANT, List.of("boundaries", "values"),
            COSINE_DECAY, List.of("decay_epochs", "alpha"));

    public LearningRateScheduleSpec {
        // type-dependent defaults only: a key the type does not take stays null, so job.yaml reloads cleanly
        if (EXPONENTIAL_DECAY.equals(type) && staircase == null) staircase = false;
        if (COSINE_DECAY.equals(type) && alpha == null) alpha = 0.0;
        // not List.copyOf: a null entry ([0.1, ~]) must reach the validator, which names it
        if (boundaries != null) boundaries = Collections.unmodifiableList(new ArrayList<>(boundaries));
        if (values != null) values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
