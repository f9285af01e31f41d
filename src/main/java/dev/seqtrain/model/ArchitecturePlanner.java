package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.BidirectionalSpec;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.DropoutSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.LayerSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.PoolingSpec;
import dev.seqtrain.job.RecurrentSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks {@code model.layers} bottom to top as Keras' Sequential would: infers every output shape, names layers,
 * counts parameters and rejects what cannot be built, with the key path of the layer to change. Without a
 * {@link ModelInput} (the check before Spark starts) the vocabulary and the padded length are unknown: shapes then
 * show {@code None} for time steps and the embedding's parameter count is a placeholder.
 */
final class ArchitecturePlanner {

    /** Stands in for the vocabulary size when no data is known: only parameter counts depend on it. */
    private static final int UNKNOWN_VOCABULARY = 1;

    private final ModelSpec spec;
    private final ModelInput input;
    private final LabelLayout labels;
    private final KerasNames names = new KerasNames();
    private final List<LayerPlan> plans = new ArrayList<>();

    /** The layer that last turned a sequence into a vector (recurrent without return_sequences, pooling), or -1. */
    private int flattenedBy = -1;
    /** The last recurrent layer that returns sequences, or -1. */
    private int lastSequenceRecurrent = -1;

    private ArchitecturePlanner(ModelSpec spec, ModelInput input, LabelLayout labels) {
        this.spec = spec;
        this.input = input;
        this.labels = labels;
    }

    /**
     * @param input  null when the data is not known yet (static check)
     * @param labels null when the caller does not know the label layout
     */
    static Architecture plan(ModelSpec spec, ModelInput input, LabelLayout labels) {
        return new ArchitecturePlanner(spec, input, labels).plan();
    }

    private Architecture plan() {
        List<LayerSpec> layers = spec.layers();
        if (layers.isEmpty()) {
            throw new SpecException("model.layers: at least one layer is required, e.g. '- dense: {units: 1, activation: sigmoid}'");
        }
        KerasOptimizers.checkClipping(spec.optimizer());
        KerasOptimizers.updater(spec.optimizer());
        boolean tokenInput = layers.get(0) instanceof EmbeddingSpec;
        Shape current = tokenInput ? null : numericInput();
        int inputFeatures = tokenInput ? 0 : current.features();
        for (int i = 0; i < layers.size(); i++) {
            LayerPlan p = layer(i, layers.get(i), current);
            plans.add(p);
            current = p.output();
        }
        Head head = HeadRules.resolve(spec, plans, labels, input, flattenedBy, lastSequenceRecurrent);
        boolean masked = tokenInput && ((EmbeddingSpec) layers.get(0)).maskZero();
        return new Architecture(plans, head, tokenInput, inputFeatures, masked, tokenInput ? 0 : -1);
    }

    private Shape numericInput() {
        ModelSpec.InputSpec in = spec.input();
        if (in == null || in.features() == null) {
            throw new SpecException("model.input: required when model.layers[0] is not an embedding: numeric sequences "
                    + "need model.input: {timesteps: T, features: F}; token ids need '- embedding: {output_dim: 100}' first");
        }
        if (in.features() <= 0) {
            throw new SpecException("model.input.features: must be > 0, got " + in.features());
        }
        Integer timesteps = in.timesteps() != null ? in.timesteps() : input == null ? null : input.timesteps();
        return Shape.sequence(timesteps, in.features());
    }

    private LayerPlan layer(int i, LayerSpec l, Shape in) {
        String path = "model.layers[" + i + "]";
        if (l instanceof EmbeddingSpec e) return embedding(i, path, e);
        if (l instanceof RecurrentSpec r) return recurrent(i, path, path, r, r.bidirectional(), r.mergeMode(), in);
        if (l instanceof BidirectionalSpec b) {
            if (!(b.layer() instanceof RecurrentSpec r)) {
                throw new SpecException(path + ".layer: must be simple_rnn, lstm or gru, got "
                        + (b.layer() == null ? "nothing" : b.layer().typeName()));
            }
            if (r.bidirectional()) {
                throw new SpecException(path + ".layer.bidirectional: the wrapped layer is already bidirectional");
            }
            return recurrent(i, path, path + ".layer", r, true, b.mergeMode(), in);
        }
        if (l instanceof DenseSpec d) return dense(i, path, d, in);
        if (l instanceof DropoutSpec d) return dropout(i, path, d, in);
        if (l instanceof PoolingSpec p) return pooling(i, path, p, in);
        throw new SpecException(path + ": unknown layer type '" + l.typeName() + "'");
    }

    private LayerPlan embedding(int i, String path, EmbeddingSpec e) {
        if (i != 0) {
            throw new SpecException(path + ": embedding must be the first layer (it reads the token ids)");
        }
        if (spec.input() != null) {
            throw new SpecException("model.input: numeric input and an embedding exclude each other: remove "
                    + "model.input (token ids come in through the embedding) or the embedding");
        }
        requirePositive(path + ".output_dim", e.outputDim());
        long inputDim = embeddingInputDim(path, e);
        Integer timesteps = input == null ? null : input.timesteps();
        Shape out = Shape.sequence(timesteps, e.outputDim());
        return new LayerPlan(i, path, e, names.next("embedding"), "Embedding", null, out,
                KerasParams.embedding(inputDim, e.outputDim()), e.trainable());
    }

    private long embeddingInputDim(String path, EmbeddingSpec e) {
        if (e.inputDim() != null) {
            requirePositive(path + ".input_dim", e.inputDim());
            if (input != null && input.vocabularySize() > e.inputDim()) {
                throw new SpecException(path + ".input_dim: " + e.inputDim() + " is smaller than the vocabulary ("
                        + input.vocabularySize() + " ids): token ids would fall outside the embedding; "
                        + "raise input_dim, lower text.num_words or leave input_dim out");
            }
            return e.inputDim();
        }
        if (input == null) return UNKNOWN_VOCABULARY;
        if (input.vocabularySize() <= 0) {
            throw new SpecException(path + ".input_dim: not set and the vocabulary size is unknown ("
                    + input.vocabularySize() + "); set input_dim");
        }
        return input.vocabularySize();
    }

    private LayerPlan recurrent(int i, String path, String cellPath, RecurrentSpec r, boolean bidirectional,
                                String mergeMode, Shape in) {
        requireSequence(i, path, r.typeName(), in);
        requirePositive(cellPath + ".units", r.units());
        RecurrentRules.check(cellPath, r);
        MergeMode merge = bidirectional ? MergeMode.of(path + ".merge_mode", mergeMode) : null;
        int units = r.units();
        long cellParams = KerasParams.recurrent(r.cell(), units, in.features(), r.useBias(), r.resetAfter());
        // Keras names the wrapped layer first (it is constructed before the wrapper)
        String cellName = names.next(r.cell().key());
        String name = bidirectional ? names.next("bidirectional") : cellName;
        String kerasClass = bidirectional ? "Bidirectional" : r.cell().kerasName();
        int features = bidirectional ? merge.outputSize(units) : units;
        Shape out;
        if (r.returnSequences()) {
            out = Shape.sequence(in.timesteps(), features);
            lastSequenceRecurrent = i;
        } else {
            out = Shape.vector(features);
            flattenedBy = i;
        }
        return new LayerPlan(i, path, spec.layers().get(i), name, kerasClass, in, out,
                bidirectional ? 2 * cellParams : cellParams, true);
    }

    private LayerPlan dense(int i, String path, DenseSpec d, Shape in) {
        requirePositive(path + ".units", d.units());
        KerasActivations.of(path + ".activation", d.activation());
        return new LayerPlan(i, path, d, names.next("dense"), "Dense", in, in.withFeatures(d.units()),
                KerasParams.dense(in.features(), d.units(), d.useBias()), true);
    }

    private LayerPlan dropout(int i, String path, DropoutSpec d, Shape in) {
        if (d.rate() == null || d.rate() < 0 || d.rate() >= 1) {
            throw new SpecException(path + ".rate: must be in [0, 1), got " + d.rate());
        }
        return new LayerPlan(i, path, d, names.next("dropout"), "Dropout", in, in, 0, true);
    }

    private LayerPlan pooling(int i, String path, PoolingSpec p, Shape in) {
        requireSequence(i, path, p.typeName(), in);
        flattenedBy = i;
        return new LayerPlan(i, path, p, names.next(p.kind().key()), p.kind().kerasName(), in,
                Shape.vector(in.features()), 0, true);
    }

    private void requireSequence(int i, String path, String type, Shape in) {
        if (in.sequence()) return;
        throw new SpecException(path + ": " + type + " needs a sequence input but gets " + in + " from model.layers["
                + (i - 1) + "]; " + HeadRules.sequenceHint(spec, flattenedBy));
    }

    private static void requirePositive(String path, Integer v) {
        if (v == null || v <= 0) throw new SpecException(path + ": must be > 0, got " + v);
    }
}
