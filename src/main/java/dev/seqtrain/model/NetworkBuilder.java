package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.BidirectionalSpec;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.DropoutSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.OptimizerSpec;
import dev.seqtrain.job.PoolingSpec;
import dev.seqtrain.job.RecurrentSpec;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import dev.seqtrain.model.embedding.Embedding;
import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.Recurrent;

/**
 * {@link Architecture} → DL4J {@link MultiLayerConfiguration}, one DL4J layer per spec layer.
 * <p>
 * Layers that work per time step in Keras (dense and dropout fed a sequence) run on the sequence flattened to
 * [mb·T, features] between DL4J's RNN↔feed-forward preprocessors, whose mask reshaping matches their data
 * reshaping. ({@code TimeDistributed} reshapes data and mask in different orders in M2.1, and {@code DropoutLayer}
 * cannot apply a mask to 3-D input.)
 * <p>
 * Every layer gets its updater, initialisation and clipping set on itself, not only through the global defaults:
 * DL4J does not pass the defaults into a layer nested in two wrappers (the cell of a {@link BidirectionalLastStep}),
 * which then fails to initialise or computes NaN.
 * <p>
 * Recurrent layers are seqtrain's engine ({@link Recurrent}) unless a layer says {@code implementation: dl4j}
 * (DL4J's LSTM / SimpleRnn as before the engine).
 * <p>
 * Initialisation follows Keras: Glorot-uniform kernels, zero biases, LSTM forget-gate bias 1, embeddings
 * uniform in [-0.05, 0.05]; the engine's recurrent kernels are orthogonal (Keras), DL4J's cells keep DL4J's Xavier.
 */
final class NetworkBuilder {

    private static final WeightInit KERNEL_INIT = WeightInit.XAVIER_UNIFORM;
    private static final WeightInit RECURRENT_INIT = WeightInit.XAVIER;
    private static final IWeightInit EMBEDDING_INIT = new WeightInitDistribution(new UniformDistribution(-0.05, 0.05));

    private final Architecture arch;
    private final IUpdater updater;
    private final GradientNormalization clipping;
    private final double clippingThreshold;
    private final Integer tbpttLength;

    NetworkBuilder(Architecture arch, OptimizerSpec optimizer) {
        this(arch, optimizer, null);
    }

    /** {@code tbpttLength}: train in truncated-BPTT segments of that many steps; null for full backpropagation. */
    NetworkBuilder(Architecture arch, OptimizerSpec optimizer, Integer tbpttLength) {
        this.arch = arch;
        this.tbpttLength = tbpttLength;
        this.updater = KerasOptimizers.updater(optimizer);
        this.clipping = KerasOptimizers.normalization(optimizer);
        this.clippingThreshold = KerasOptimizers.threshold(optimizer);
    }

    MultiLayerConfiguration configuration(long seed, int vocabularySize) {
        return configuration(seed, vocabularySize, DataType.FLOAT);
    }

    /** {@code dataType} other than FLOAT is for gradient checks (DOUBLE). */
    MultiLayerConfiguration configuration(long seed, int vocabularySize, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(KERNEL_INIT)
                .biasInit(0.0)
                .gradientNormalization(clipping)
                .gradientNormalizationThreshold(clippingThreshold)
                .list();
        Layout current = Layout.SEQUENCE;
        for (LayerPlan p : arch.layers()) {
            Layer layer = layer(p, vocabularySize);
            layer.setLayerName(p.name());
            list.layer(p.index(), layer);
            Layout wanted = inputLayout(p);
            InputPreProcessor reshape = current.to(wanted);
            if (reshape != null) list.inputPreProcessor(p.index(), reshape);
            current = outputLayout(p, wanted);
        }
        if (tbpttLength != null) {
            // DL4J cuts features [mb, 1, T], labels and masks into segments and carries the recurrent state over
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbpttLength)
                    .tBPTTBackwardLength(tbpttLength);
        }
        return list.build();
    }

    /** How activations are laid out between two DL4J layers. */
    private enum Layout {
        /** [mb, features, T] (DL4J's NCW). */
        SEQUENCE,
        /** a sequence flattened to [mb·T, features] for per-step feed-forward layers. */
        FLAT_SEQUENCE,
        /** [mb, features]: one vector per sequence. */
        VECTOR;

        InputPreProcessor to(Layout wanted) {
            if (this == SEQUENCE && wanted == FLAT_SEQUENCE) return new RnnToFeedForwardPreProcessor(RNNFormat.NCW);
            if (this == FLAT_SEQUENCE && wanted == SEQUENCE) return new FeedForwardToRnnPreProcessor(RNNFormat.NCW);
            return null;
        }
    }

    private Layout inputLayout(LayerPlan p) {
        if (p.input() == null || !p.input().sequence()) return Layout.VECTOR;
        boolean perStep = p.spec() instanceof DropoutSpec
                || p.spec() instanceof DenseSpec && p.index() != arch.head().index();
        return perStep ? Layout.FLAT_SEQUENCE : Layout.SEQUENCE;
    }

    private static Layout outputLayout(LayerPlan p, Layout input) {
        if (!p.output().sequence()) return Layout.VECTOR;
        return input == Layout.FLAT_SEQUENCE ? Layout.FLAT_SEQUENCE : Layout.SEQUENCE;
    }

    private Layer layer(LayerPlan p, int vocabularySize) {
        if (p.spec() instanceof EmbeddingSpec e) return embedding(e, vocabularySize);
        if (p.spec() instanceof RecurrentSpec r) {
            return recurrent(p, p.path(), r, r.bidirectional(), r.mergeMode());
        }
        if (p.spec() instanceof BidirectionalSpec b) {
            return recurrent(p, p.path() + ".layer", (RecurrentSpec) b.layer(), true, b.mergeMode());
        }
        if (p.spec() instanceof DenseSpec d) {
            return p.index() == arch.head().index() ? output(p, d) : dense(p, d);
        }
        if (p.spec() instanceof DropoutSpec d) {
            // Keras' rate is the fraction dropped; DL4J's dropOut(p) takes the probability to RETAIN
            return d.rate() > 0 ? new DropoutLayer.Builder(1.0 - d.rate()).build() : new DropoutLayer.Builder().build();
        }
        if (p.spec() instanceof PoolingSpec pool) {
            PoolingType type = pool.kind() == PoolingSpec.Kind.AVERAGE ? PoolingType.AVG : PoolingType.MAX;
            // masked steps are left out of the average (as in Keras) and of the max (Keras 2's max reads padding)
            return new GlobalPoolingLayer.Builder(type).collapseDimensions(true).build();
        }
        throw new IllegalStateException("no DL4J mapping for " + p.type());
    }

    private Layer embedding(EmbeddingSpec e, int vocabularySize) {
        int inputDim = e.inputDim() != null ? e.inputDim() : vocabularySize;
        // seqtrain's embedding (a row gather and a sparse gradient); saved networks keep DL4J's EmbeddingSequenceLayer
        Layer layer = common(new Embedding.Builder())
                .nIn(inputDim)
                .nOut(e.outputDim())
                .weightInit(EMBEDDING_INIT)
                .build();
        // frozen weights still pass gradients down (nothing is below an embedding, but DL4J requires the path)
        return e.trainable() ? layer : new FrozenLayerWithBackprop(layer);
    }

    private Layer recurrent(LayerPlan p, String cellPath, RecurrentSpec r, boolean bidirectional, String mergeMode) {
        boolean engine = r.implementation() == RecurrentSpec.Implementation.ENGINE;
        if (!bidirectional) {
            if (engine) {
                // the engine returns the final state itself: no [T, mb, u] output, backward from the final state
                return recurrentLayer(cellPath, r, p.input().features(), r.returnSequences());
            }
            Layer cell = recurrentLayer(cellPath, r, p.input().features(), true);
            // return_sequences: false keeps the last step; with a mask, the last real step of each sequence
            return r.returnSequences() ? cell : new LastTimeStep(cell);
        }
        Layer cell = recurrentLayer(cellPath, r, p.input().features(), true);
        Bidirectional.Mode merge = MergeMode.of(p.path() + ".merge_mode", mergeMode).dl4j();
        return r.returnSequences() ? new Bidirectional(merge, cell) : new BidirectionalLastStep(cell, merge);
    }

    // ---------------------------------------------------------------------------------------------------------
    // THE place where a Keras recurrent cell becomes a DL4J layer.
    // ---------------------------------------------------------------------------------------------------------
    /**
     * One recurrent cell; {@code path} names the spec entry in errors. {@code sequences}: [mb, units, T] out, else
     * (the engine only) the final state [mb, units].
     */
    Layer recurrentLayer(String path, RecurrentSpec r, long nIn, boolean sequences) {
        if (r.implementation() == RecurrentSpec.Implementation.ENGINE) {
            return engineLayer(path, r, nIn, sequences);
        }
        double retain = 1.0 - r.dropout();
        switch (r.cell()) {
            case SIMPLE_RNN: {
                SimpleRnn.Builder b = recurrentCommon(new SimpleRnn.Builder(), path, r, nIn);
                if (r.dropout() > 0) b.dropOut(retain);
                return b.build();
            }
            case LSTM: {
                // Known DL4J 1.0.0-M2.1 issue (measured with a gradient check): after leading masked steps
                // (pre-padding with mask_zero, and always in a bidirectional LSTM's backward half) the gradient of
                // the block-input bias is wrong; the outputs and every other gradient are right.
                LSTM.Builder b = recurrentCommon(new LSTM.Builder(), path, r, nIn)
                        .gateActivationFunction(KerasActivations.of(path + ".recurrent_activation",
                                r.recurrentActivation()))
                        .forgetGateBiasInit(r.unitForgetBias() ? 1.0 : 0.0);
                if (r.dropout() > 0) b.dropOut(retain);
                return b.build();
            }
            default:
                throw new SpecException(path + ".implementation: dl4j has no " + r.cell().kerasName());
        }
    }

    /** seqtrain's engine: Keras' options, initialisers (orthogonal recurrent kernel) and dropout masks. */
    private Layer engineLayer(String path, RecurrentSpec r, long nIn, boolean sequences) {
        Recurrent.Builder b = common(new Recurrent.Builder(ENGINE_CELLS.get(r.cell())))
                .nIn(nIn).nOut(r.units())
                .cellActivation(EngineActivations.of(path + ".activation", r.activation()))
                .gateActivation(EngineActivations.of(path + ".recurrent_activation", r.recurrentActivation()))
                .useBias(r.useBias())
                .unitForgetBias(r.unitForgetBias())
                .returnSequences(sequences)
                .inputDropout(r.dropout())
                .recurrentDropout(r.recurrentDropout());
        if (r.cell() == RecurrentSpec.Cell.GRU) b.resetAfter(r.resetAfter());
        return b.build();
    }

    private static final java.util.Map<RecurrentSpec.Cell, CellType> ENGINE_CELLS = java.util.Map.of(
            RecurrentSpec.Cell.SIMPLE_RNN, CellType.SIMPLE_RNN, RecurrentSpec.Cell.LSTM, CellType.LSTM,
            RecurrentSpec.Cell.GRU, CellType.GRU);

    private <B extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer.Builder<B>> B recurrentCommon(
            B b, String path, RecurrentSpec r, long nIn) {
        common(b).nIn(nIn).nOut(r.units())
                .activation(KerasActivations.of(path + ".activation", r.activation()))
                .weightInit(KERNEL_INIT);
        b.weightInitRecurrent(RECURRENT_INIT);
        return b;
    }

    private Layer dense(LayerPlan p, DenseSpec d) {
        return common(new DenseLayer.Builder())
                .nIn(p.input().features())
                .nOut(d.units())
                .activation(KerasActivations.of(p.path() + ".activation", d.activation()))
                .hasBias(d.useBias())
                .weightInit(KERNEL_INIT)
                .build();
    }

    private Layer output(LayerPlan p, DenseSpec d) {
        LossFunction loss = lossFunction(arch.head().loss());
        if (arch.head().perTimeStep()) {
            return common(new RnnOutputLayer.Builder(loss))
                    .dataFormat(RNNFormat.NCW)
                    .nIn(p.input().features())
                    .nOut(d.units())
                    .activation(KerasActivations.of(p.path() + ".activation", d.activation()))
                    .hasBias(d.useBias())
                    .weightInit(KERNEL_INIT)
                    .build();
        }
        return common(new OutputLayer.Builder(loss))
                .nIn(p.input().features())
                .nOut(d.units())
                .activation(KerasActivations.of(p.path() + ".activation", d.activation()))
                .hasBias(d.useBias())
                .weightInit(KERNEL_INIT)
                .build();
    }

    private static LossFunction lossFunction(ModelSpec.Loss kerasLoss) {
        return switch (kerasLoss) {
            case BINARY_CROSSENTROPY -> LossFunction.XENT;
            // sparse labels are turned into one-hot rows by the batch builder: the same loss then
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> LossFunction.MCXENT;
            case MSE -> LossFunction.MSE;
            case MAE -> LossFunction.MEAN_ABSOLUTE_ERROR;
        };
    }

    private <B extends BaseLayer.Builder<B>> B common(B b) {
        return b.updater(updater)
                .biasInit(0.0)
                .gradientNormalization(clipping)
                .gradientNormalizationThreshold(clippingThreshold);
    }
}
