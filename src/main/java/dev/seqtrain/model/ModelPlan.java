package dev.seqtrain.model;

import dev.seqtrain.job.BidirectionalSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.RecurrentSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A buildable model: a validated {@code model} section, what the data says ({@link ModelInput}), the derived
 * {@link Task} and loss, the Keras-style summary, and the DL4J network.
 *
 * <h2>Batch layout contract (what every {@code DataSet} fed to the network holds)</h2>
 * <ul>
 *   <li>features, token input (the first layer is an embedding): ids {@code [mb, T]} as floats, 0 = padding;</li>
 *   <li>features, numeric input ({@code model.input}): {@code [mb, features, T]} (DL4J's NCW);</li>
 *   <li>feature mask, only when {@link #masked()} ({@code mask_zero: true}): {@code [mb, T]}, 1.0 for a real token,
 *       0.0 for padding (pre- or post-padding both work: recurrent layers skip masked steps, a
 *       {@code return_sequences: false} layer takes each sequence's last real step, pooling ignores padding);
 *       without {@code mask_zero} no mask, and padding is read as token 0, as in Keras;</li>
 *   <li>labels {@link Task#BINARY}: {@code [mb, 1]} of 0/1; {@link Task#MULTICLASS}: one-hot {@code [mb, C]}
 *       (also for {@code sparse_categorical_crossentropy}); {@link Task#REGRESSION}: {@code [mb, 1]};
 *       {@link Task#TAGGING}: one-hot {@code [mb, C, T]} with label mask {@code [mb, T]} = the feature mask
 *       (all ones without {@code mask_zero}, or 1 on real tokens to leave padding out of loss and accuracy).</li>
 * </ul>
 * T may differ from batch to batch (per-batch padding) unless the spec fixes it.
 * <p>
 * Building is lazy: {@link #of} checks the architecture and computes shapes and parameter counts;
 * {@link #configuration(long)} maps it to DL4J and can still fail for a cell this build lacks (GRU).
 */
public final class ModelPlan {

    /** The model name Keras prints for a Sequential model. */
    public static final String MODEL_NAME = "sequential";

    private final ModelSpec spec;
    private final ModelInput input;
    private final Architecture arch;
    /** Truncated BPTT segment length ({@code training.tbptt_length}); null for full backpropagation. */
    private final Integer tbpttLength;
    /** An encoder-decoder ({@link Task#SEQ2SEQ}) in place of {@code arch}; null otherwise. */
    private final Seq2SeqPlan pairs;

    private ModelPlan(ModelSpec spec, ModelInput input, Architecture arch, Integer tbpttLength) {
        this(spec, input, arch, tbpttLength, null);
    }

    private ModelPlan(ModelSpec spec, ModelInput input, Architecture arch, Integer tbpttLength, Seq2SeqPlan pairs) {
        this.spec = spec;
        this.input = input;
        this.arch = arch;
        this.tbpttLength = tbpttLength;
        this.pairs = pairs;
    }

    /**
     * An encoder-decoder: {@code model.encoder}/{@code model.decoder} against the prepared pairs' source vocabulary
     * and length and target sequences. Its batches are {@code batch/PairBatchBuilder}'s.
     */
    public static ModelPlan ofPairs(ModelSpec spec, int sourceVocabulary, int sourceSteps,
                                    dev.seqtrain.text.TargetSequences target) {
        Seq2SeqPlan p = new Seq2SeqPlan(dev.seqtrain.model.seq2seq.Seq2SeqPlanner.shape(spec, sourceVocabulary,
                target.inputVocabularySize()), sourceSteps, target);
        return new ModelPlan(spec, new ModelInput(sourceVocabulary, sourceSteps, target.outputClasses()), null, null,
                p);
    }

    /** The encoder-decoder of a {@link Task#SEQ2SEQ} plan; empty for the other tasks. */
    public Optional<Seq2SeqPlan> pairs() {
        return Optional.ofNullable(pairs);
    }

    private ModelPlan(ModelSpec spec, ModelInput input, Architecture arch) {
        this(spec, input, arch, null);
    }

    /**
     * This plan trained with truncated BPTT in segments of {@code length} steps (forward and backward), or with full
     * backpropagation for null. Only a tagging head on unidirectional recurrent layers can: DL4J skips batches with
     * per-sequence labels without training, and its Bidirectional layer keeps no state between segments
     * ({@code JobSpecValidator} tells the user; this guards the builder).
     */
    public ModelPlan withTruncatedBptt(Integer length) {
        if (pairs != null) {
            if (length != null) throw new IllegalArgumentException("no truncated BPTT for an encoder-decoder");
            return this;
        }
        if (length != null) {
            if (length <= 0) throw new IllegalArgumentException("tbptt length must be > 0, got " + length);
            boolean bidirectional = arch.layers().stream().anyMatch(l -> l.spec() instanceof BidirectionalSpec
                    || l.spec() instanceof RecurrentSpec r && r.bidirectional());
            if (task() != Task.TAGGING || bidirectional) {
                throw new IllegalArgumentException("truncated BPTT needs a tagging head on unidirectional recurrent "
                        + "layers; this model is " + task().name().toLowerCase(java.util.Locale.ROOT)
                        + (bidirectional ? " with a bidirectional layer" : "")
                        + " (the spec validator refuses training.tbptt_length here)");
            }
        }
        return new ModelPlan(spec, input, arch, length);
    }

    /**
     * Checks {@code spec} against the data; throws {@link dev.seqtrain.errors.SpecException} with a message
     * {@code model.layers[i].key: ...} (no file prefix: the caller adds it).
     */
    public static ModelPlan of(ModelSpec spec, ModelInput input) {
        return new ModelPlan(spec, input, ArchitecturePlanner.plan(spec, input, null));
    }

    /** As {@link #of(ModelSpec, ModelInput)}, also checking that the head fits how the data is labelled. */
    public static ModelPlan of(ModelSpec spec, ModelInput input, LabelLayout labels) {
        return new ModelPlan(spec, input, ArchitecturePlanner.plan(spec, input, labels));
    }

    /**
     * The task a model section trains, known before any data is read: its head and loss decide it (e.g. a linear
     * head with mse is a regression). Throws {@link dev.seqtrain.errors.SpecException} for a model that cannot be
     * built.
     */
    public static Task taskOf(ModelSpec spec) {
        if (spec.isSeq2Seq()) return Task.SEQ2SEQ;
        return ArchitecturePlanner.plan(spec, null, null).head().task();
    }

    public Task task() {
        if (pairs != null) return Task.SEQ2SEQ;
        return arch.head().task();
    }

    /** The Keras loss trained: {@code model.loss}, or the one inferred from the last layer's activation. */
    public ModelSpec.Loss loss() {
        if (pairs != null) return ModelSpec.Loss.CATEGORICAL_CROSSENTROPY;
        return arch.head().loss();
    }

    /** Units of the output layer: 1 for binary and regression, C for multi-class and tagging. */
    public int outputUnits() {
        if (pairs != null) return pairs.target().outputClasses();
        return arch.head().units();
    }

    /** True with {@code embedding: {mask_zero: true}}: batches carry a feature mask (see the class comment). */
    public boolean masked() {
        if (pairs != null) return true;
        return arch.masked();
    }

    /** True when the network reads token ids through an embedding, false for numeric {@code model.input}. */
    public boolean tokenInput() {
        if (pairs != null) return true;
        return arch.tokenInput();
    }

    /** Features per step of numeric input; 0 for token input. */
    public int inputFeatures() {
        if (pairs != null) return 0;
        return arch.inputFeatures();
    }

    /**
     * Where pre-trained vectors go: the index of the embedding layer in the network, whose parameter {@code "W"}
     * ({@code [input_dim, output_dim]}, row = token id) is to be overwritten after {@link #newNetwork(long)},
     * e.g. {@code net.getLayer(i).setParam("W", vectors)}. Empty without an embedding.
     */
    public OptionalInt embeddingLayerIndex() {
        if (pairs != null) return OptionalInt.empty();
        return arch.embeddingIndex() < 0 ? OptionalInt.empty() : OptionalInt.of(arch.embeddingIndex());
    }

    /** {@code embeddings_file} of the embedding layer (word2vec/GloVe text), when set. */
    public Optional<String> embeddingsFile() {
        return embeddingLayerIndex().isPresent()
                ? Optional.ofNullable(((EmbeddingSpec) spec.layers().get(0)).embeddingsFile())
                : Optional.empty();
    }

    /** The layers with names, shapes and Keras parameter counts; index i is also DL4J layer i. */
    public List<LayerPlan> layers() {
        if (pairs != null) return List.of();
        return arch.layers();
    }

    public ModelSpec spec() {
        return spec;
    }

    public ModelInput input() {
        return input;
    }

    /** The DL4J configuration; the same seed gives the same initial weights. */
    public MultiLayerConfiguration configuration(long seed) {
        if (pairs != null) return pairs.configuration(spec, seed);
        return new NetworkBuilder(arch, spec.optimizer(), tbpttLength).configuration(seed, input.vocabularySize());
    }

    /** The configuration in another precision: DOUBLE for gradient checks. */
    MultiLayerConfiguration configuration(long seed, org.nd4j.linalg.api.buffer.DataType dataType) {
        return new NetworkBuilder(arch, spec.optimizer(), tbpttLength).configuration(seed, input.vocabularySize(),
                dataType);
    }

    /** A new network with initialised parameters. */
    public MultiLayerNetwork newNetwork(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed));
        net.init();
        return net;
    }

    /** Keras' {@code model.summary()} text (see {@link KerasSummary}), ending with a newline. */
    public String summary() {
        if (pairs != null) return pairs.summary();
        return KerasSummary.format(MODEL_NAME, arch.layers());
    }

    public long totalParams() {
        if (pairs != null) return pairs.params();
        return arch.layers().stream().mapToLong(LayerPlan::params).sum();
    }

    public long trainableParams() {
        if (pairs != null) return pairs.params();
        return arch.layers().stream().filter(LayerPlan::trainable).mapToLong(LayerPlan::params).sum();
    }

    public long nonTrainableParams() {
        return totalParams() - trainableParams();
    }
}
