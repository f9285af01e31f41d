package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.seqtrain.job.SpecCheck.require;

/** Keras optimizer names and arguments: {@code adam}, {@code rmsprop}, {@code sgd} (with momentum), {@code adagrad}. */
public record OptimizerSpec(
        @JsonProperty("name") Name name,
        @JsonProperty("learning_rate") Double learningRate,
        @JsonProperty("momentum") Double momentum,
        @JsonProperty("beta_1") Double beta1,
        @JsonProperty("beta_2") Double beta2,
        @JsonProperty("epsilon") Double epsilon,
        @JsonProperty("rho") Double rho,
        @JsonProperty("clipnorm") Double clipnorm,
        @JsonProperty("clipvalue") Double clipvalue) {

    /** {@code model.optimizer.name}: Keras' optimizer names. */
    public enum Name {
        @JsonProperty("adam") ADAM,
        @JsonProperty("rmsprop") RMSPROP,
        @JsonProperty("sgd") SGD,
        @JsonProperty("adagrad") ADAGRAD;

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    public OptimizerSpec {
        if (name == null) name = Name.ADAM;
        // Keras' defaults
        if (learningRate == null) learningRate = name == Name.SGD ? 0.01 : 0.001;
        if (momentum == null) momentum = 0.0;
        if (beta1 == null) beta1 = 0.9;
        if (beta2 == null) beta2 = 0.999;
        if (epsilon == null) epsilon = 1e-7;
        if (rho == null) rho = 0.9;
    }

    /** The checks of this section's own keys; {@code path} is where it sits in the spec ({@code model.optimizer}). */
    public void validate(String path) {
        require(learningRate > 0, path + ".learning_rate", "must be > 0, got " + learningRate);
        require(momentum >= 0 && momentum < 1, path + ".momentum", "must be in [0, 1), got " + momentum);
        if (clipnorm != null) require(clipnorm > 0, path + ".clipnorm", "must be > 0, got " + clipnorm);
        if (clipvalue != null) require(clipvalue > 0, path + ".clipvalue", "must be > 0, got " + clipvalue);
    }
}
