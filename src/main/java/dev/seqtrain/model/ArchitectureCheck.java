package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.ModelSpec;

import java.util.Optional;

/**
 * The model checks that need no data, for the spec validator to run before Spark starts: shapes fit from layer
 * to layer, the last layer and the loss agree, every argument maps to DL4J, and the network configuration builds.
 * What depends on the data (vocabulary size, number of classes) is checked again by {@link ModelPlan#of}.
 */
public final class ArchitectureCheck {

    /** Placeholder vocabulary for the trial configuration: it only sizes the embedding matrix. */
    private static final int ANY_VOCABULARY = 2;

    private ArchitectureCheck() {
    }

    /** The first problem as {@code model.layers[i]...: message} (no file prefix), or empty. */
    public static Optional<String> check(ModelSpec spec) {
        return check(spec, null);
    }

    /** As {@link #check(ModelSpec)}, also checking the head against the data's label layout (null = unknown). */
    public static Optional<String> check(ModelSpec spec, LabelLayout labels) {
        try {
            Architecture arch = ArchitecturePlanner.plan(spec, null, labels);
            new NetworkBuilder(arch, spec.optimizer()).configuration(0L, ANY_VOCABULARY);
            return Optional.empty();
        } catch (SpecException e) {
            return Optional.of(e.getMessage());
        }
    }
}
