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

    /** The encoder-decoder planned and configured with the embeddings' input_dim, or placeholder vocabularies. */
    private static void checkSeq2Seq(ModelSpec spec) {
        int source = inputDim(spec.encoder(), ANY_VOCABULARY);
        int target = inputDim(spec.decoder(), ANY_VOCABULARY + 2); // + the start and end tokens
        if (target < 3) {
            throw new SpecException("model.decoder.layers[0].input_dim: at least 3 (a token, the start and end "
                    + "tokens), got " + target);
        }
        dev.seqtrain.model.seq2seq.Seq2SeqShape shape = dev.seqtrain.model.seq2seq.Seq2SeqPlanner.shape(spec, source,
                target);
        Seq2SeqNetworks.configuration(shape, 1, new dev.seqtrain.text.TargetSequences(target - 2, 2),
                spec.optimizer(), 0L);
    }

    private static int inputDim(dev.seqtrain.job.Seq2SeqSideSpec side, int otherwise) {
        if (side == null || side.layers().isEmpty()) return otherwise;
        return side.layers().get(0) instanceof dev.seqtrain.job.EmbeddingSpec e && e.inputDim() != null
                ? e.inputDim() : otherwise;
    }

    /** The first problem as {@code model.layers[i]...: message} (no file prefix), or empty. */
    public static Optional<String> check(ModelSpec spec) {
        return check(spec, null);
    }

    /** As {@link #check(ModelSpec)}, also checking the head against the data's label layout (null = unknown). */
    public static Optional<String> check(ModelSpec spec, LabelLayout labels) {
        try {
            if (spec.isSeq2Seq()) {
                checkSeq2Seq(spec);
                return Optional.empty();
            }
            Architecture arch = ArchitecturePlanner.plan(spec, null, labels);
            new NetworkBuilder(arch, spec.optimizer()).configuration(0L, ANY_VOCABULARY);
            return Optional.empty();
        } catch (SpecException e) {
            return Optional.of(e.getMessage());
        }
    }
}
