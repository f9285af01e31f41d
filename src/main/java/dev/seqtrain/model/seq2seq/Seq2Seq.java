package dev.seqtrain.model.seq2seq;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import dev.seqtrain.model.rnn.CellType;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a whole encoder-decoder as one DL4J layer ({@link EncoderDecoder} at run time), so that the
 * network is {@code Seq2Seq → RnnOutputLayer(softmax)} and trains, averages, checkpoints and resumes through the same
 * {@code MultiLayerNetwork} path as every other seqtrain model. Its input is one id sequence per example: the source's
 * {@code sourceSteps} ids followed by the decoder's input ids; the feature mask covers both. Its output is one vector
 * per target step [mb, decoderUnits, Tt], and the mask it hands on is the target part.
 */
public class Seq2Seq extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    private CellType cell = CellType.LSTM;
    private int sourceVocabulary;
    private int sourceEmbedding;
    private int targetVocabulary;
    private int targetEmbedding;
    private int units;
    private int layers = 1;
    private StateMerge bidirectional;
    private boolean attention;
    /** Which attention when {@code attention}; null in configurations written before Bahdanau: Luong. */
    private Seq2SeqAttention attentionType;
    private int sourceSteps;

    /** For Jackson. */
    private Seq2Seq() {
    }

    private Seq2Seq(Builder b) {
        super(b);
        Seq2SeqShape shape = Objects.requireNonNull(b.shape, "shape");
        this.cell = shape.cell();
        this.sourceVocabulary = shape.sourceVocabulary();
        this.sourceEmbedding = shape.sourceEmbedding();
        this.targetVocabulary = shape.targetVocabulary();
        this.targetEmbedding = shape.targetEmbedding();
        this.units = shape.units();
        this.layers = shape.layers();
        this.bidirectional = shape.bidirectional();
        this.attention = shape.hasAttention();
        this.attentionType = shape.attention();
        if (b.sourceSteps < 1) {
            throw new IllegalArgumentException("encoder-decoder: source steps must be positive, got " + b.sourceSteps);
        }
        this.sourceSteps = b.sourceSteps;
        this.nIn = 1;
        this.nOut = shape.outputWidth();
    }

    public Seq2SeqShape shape() {
        return new Seq2SeqShape(cell, sourceVocabulary, sourceEmbedding, targetVocabulary, targetEmbedding, units,
                layers, bidirectional, getAttentionType());
    }

    public CellType getCell() {
        return cell;
    }

    public int getSourceVocabulary() {
        return sourceVocabulary;
    }

    public int getSourceEmbedding() {
        return sourceEmbedding;
    }

    public int getTargetVocabulary() {
        return targetVocabulary;
    }

    public int getTargetEmbedding() {
        return targetEmbedding;
    }

    public int getUnits() {
        return units;
    }

    public int getLayers() {
        return layers;
    }

    public StateMerge getBidirectional() {
        return bidirectional;
    }

    public boolean isAttention() {
        return attention;
    }

    public Seq2SeqAttention getAttentionType() {
        if (!attention) {
            return Seq2SeqAttention.NONE;
        }
        return attentionType == null ? Seq2SeqAttention.LUONG : attentionType;
    }

    /** How many leading steps of the input are the source. */
    public int getSourceSteps() {
        return sourceSteps;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Seq2SeqLayer layer = new Seq2SeqLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return Seq2SeqParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long steps = -1;
        if (inputType instanceof InputType.InputTypeRecurrent r && r.getTimeSeriesLength() > 0) {
            steps = r.getTimeSeriesLength() - sourceSteps;
        }
        return InputType.recurrent(nOut, steps);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // the input is ids: one feature, whatever the input type says
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = Seq2SeqParamInitializer.count(shape());
        long updater = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
        return new LayerMemoryReport.Builder(layerName, Seq2Seq.class, inputType, getOutputType(-1, inputType))
                .standardMemory(params, updater)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Seq2Seq other) || !super.equals(o)) {
            return false;
        }
        return shape().equals(other.shape()) && sourceSteps == other.sourceSteps;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Seq2Seq;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), shape(), sourceSteps);
    }

    @Override
    public String toString() {
        return "Seq2Seq(" + shape() + ", sourceSteps=" + sourceSteps + ", name=" + layerName + ")";
    }

    /** {@code new Seq2Seq.Builder(shape, sourceSteps).build()}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private final Seq2SeqShape shape;
        private final int sourceSteps;

        public Builder(Seq2SeqShape shape, int sourceSteps) {
            this.shape = shape;
            this.sourceSteps = sourceSteps;
        }

        @Override
        public Seq2Seq build() {
            return new Seq2Seq(this);
        }
    }
}
