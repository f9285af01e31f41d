package dev.seqtrain.bench.olds2s;

import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.OrthogonalInit;
import dev.seqtrain.model.rnn.RnnWeights;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link OldSeq2Seq} layer as named, row-major views of DL4J's flat parameter vector, in Keras'
 * layouts: {@code srcE} and {@code tgtE} (embeddings), {@code enc<l>W}, {@code enc<l>RW}, {@code enc<l>b} (and
 * {@code encb<l>...} for a bidirectional layer's backward half), {@code dec<l>...}, and Luong's {@code attWa},
 * {@code attWc}. No underscores: DL4J joins layer and parameter names with one. Initialised as Keras does: embeddings uniform in [-0.05, 0.05], glorot-uniform kernels, orthogonal
 * recurrent kernels, zero biases (an LSTM's forget block 1), glorot-uniform attention weights.
 */
public final class Seq2SeqParamInitializer implements ParamInitializer {

    public static final String SOURCE_EMBEDDING = "srcE";
    public static final String TARGET_EMBEDDING = "tgtE";
    public static final String ATTENTION_SCORE = "attWa";
    public static final String ATTENTION_OUTPUT = "attWc";

    private static final Seq2SeqParamInitializer INSTANCE = new Seq2SeqParamInitializer();

    private Seq2SeqParamInitializer() {
    }

    public static Seq2SeqParamInitializer getInstance() {
        return INSTANCE;
    }

    /** One named block of the flat vector. */
    private record Block(String key, long rows, long columns, Kind kind) {
        long size() {
            return rows * columns;
        }
    }

    private enum Kind { EMBEDDING, KERNEL, RECURRENT, BIAS, ATTENTION }

    private static List<Block> blocks(Seq2SeqShape s) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(SOURCE_EMBEDDING, s.sourceVocabulary(), s.sourceEmbedding(), Kind.EMBEDDING));
        long in = s.sourceEmbedding();
        long encoderWidth = s.bidirectional() == null ? s.units() : s.bidirectional().width(s.units());
        for (int l = 0; l < s.layers(); l++) {
            cell(blocks, "enc" + l, s.cell(), in, s.units());
            if (s.bidirectional() != null) {
                cell(blocks, "encb" + l, s.cell(), in, s.units());
            }
            in = encoderWidth;
        }
        blocks.add(new Block(TARGET_EMBEDDING, s.targetVocabulary(), s.targetEmbedding(), Kind.EMBEDDING));
        in = s.targetEmbedding();
        for (int l = 0; l < s.layers(); l++) {
            cell(blocks, "dec" + l, s.cell(), in, s.decoderUnits());
            in = s.decoderUnits();
        }
        if (s.hasAttention()) {
            blocks.add(new Block(ATTENTION_SCORE, s.decoderUnits(), encoderWidth, Kind.ATTENTION));
            blocks.add(new Block(ATTENTION_OUTPUT, encoderWidth + s.decoderUnits(), s.decoderUnits(),
                    Kind.ATTENTION));
        }
        return blocks;
    }

    private static void cell(List<Block> blocks, String prefix, CellType cell, long in, long units) {
        long width = cell.gates() * units;
        blocks.add(new Block(prefix + "W", in, width, Kind.KERNEL));
        blocks.add(new Block(prefix + "RW", units, width, Kind.RECURRENT));
        blocks.add(new Block(prefix + "b", cell == CellType.GRU ? 2 : 1, width, Kind.BIAS));
    }

    /** Keras' count, which is also the layer's. */
    public static long count(Seq2SeqShape shape) {
        return blocks(shape).stream().mapToLong(Block::size).sum();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return count(((OldSeq2Seq) layer).shape());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return blocks(((OldSeq2Seq) layer).shape()).stream().map(Block::key).toList();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return blocks(((OldSeq2Seq) layer).shape()).stream().filter(b -> b.kind() != Kind.BIAS).map(Block::key)
                .toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return blocks(((OldSeq2Seq) layer).shape()).stream().filter(b -> b.kind() == Kind.BIAS).map(Block::key)
                .toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        OldSeq2Seq layer = (OldSeq2Seq) conf.getLayer();
        Seq2SeqShape shape = layer.shape();
        Map<String, INDArray> params = views(shape, paramsView);
        if (initializeParams) {
            IWeightInit embedding = new WeightInitDistribution(new UniformDistribution(-0.05, 0.05));
            IWeightInit glorot = new WeightInitXavierUniform();
            IWeightInit orthogonal = new OrthogonalInit();
            for (Block b : blocks(shape)) {
                INDArray view = params.get(b.key());
                long[] dims = {b.rows(), b.columns()};
                switch (b.kind()) {
                    case EMBEDDING -> embedding.init(b.rows(), b.columns(), dims, 'c', view);
                    case KERNEL, ATTENTION -> glorot.init(b.rows(), b.columns(), dims, 'c', view);
                    case RECURRENT -> orthogonal.init(b.rows(), b.columns(), dims, 'c', view);
                    case BIAS -> {
                        view.assign(0);
                        if (shape.cell() == CellType.LSTM) {
                            long units = b.columns() / 4;
                            view.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)).assign(1.0);
                        }
                    }
                }
            }
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(((OldSeq2Seq) conf.getLayer()).shape(), gradientView);
    }

    static Map<String, INDArray> views(Seq2SeqShape shape, INDArray flatView) {
        long expected = count(shape);
        if (flatView.length() != expected) {
            throw new IllegalArgumentException("encoder-decoder: expected " + expected + " parameters, got a view of "
                    + flatView.length());
        }
        INDArray flat = flatView.reshape(flatView.length());
        Map<String, INDArray> params = new LinkedHashMap<>();
        long pos = 0;
        for (Block b : blocks(shape)) {
            params.put(b.key(), flat.get(NDArrayIndex.interval(pos, pos + b.size())).reshape('c', b.rows(),
                    b.columns()));
            pos += b.size();
        }
        return params;
    }

    /** The named views as the computation's weights. */
    static Seq2SeqWeights weights(Seq2SeqShape shape, Map<String, INDArray> table) {
        List<Seq2SeqWeights.EncoderLayer> encoder = new ArrayList<>();
        List<RnnWeights> decoder = new ArrayList<>();
        for (int l = 0; l < shape.layers(); l++) {
            encoder.add(new Seq2SeqWeights.EncoderLayer(cell(table, "enc" + l),
                    shape.bidirectional() == null ? null : cell(table, "encb" + l)));
            decoder.add(cell(table, "dec" + l));
        }
        return new Seq2SeqWeights(table.get(SOURCE_EMBEDDING), encoder, table.get(TARGET_EMBEDDING), decoder,
                table.get(ATTENTION_SCORE), table.get(ATTENTION_OUTPUT));
    }

    private static RnnWeights cell(Map<String, INDArray> table, String prefix) {
        return new RnnWeights(table.get(prefix + "W"), table.get(prefix + "RW"), table.get(prefix + "b"));
    }
}
