package dev.seqtrain.model.rnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;


/**
 * Parameters of {@link Recurrent} in Keras' layout, row-major views of the flat parameter vector: {@code W} = kernel
 * [nIn, gates·u], {@code RW} = recurrent kernel [u, gates·u], {@code b} = bias [rows, gates·u] (absent without bias;
 * two rows for a reset_after GRU). Count gates·u·(nIn + u + rows): Keras' numbers. Initialised as Keras does: glorot
 * uniform kernel, orthogonal recurrent kernel, zero bias (the LSTM's forget block 1 with unit_forget_bias).
 */
public final class RecurrentParamInitializer implements ParamInitializer {

    public static final String WEIGHT_KEY = "W";
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = "b";

    private static final RecurrentParamInitializer INSTANCE = new RecurrentParamInitializer();
    private static final List<String> WEIGHT_KEYS = List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    private static final List<String> ALL_KEYS = List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);

    private RecurrentParamInitializer() {
    }

    public static RecurrentParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return ((Recurrent) layer).spec().parameterCount();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return ((Recurrent) layer).spec().useBias() ? ALL_KEYS : WEIGHT_KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((Recurrent) layer).spec().useBias() ? List.of(BIAS_KEY) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Recurrent layer = (Recurrent) conf.getLayer();
        Map<String, INDArray> params = views(layer, paramsView);
        if (initializeParams) {
            RnnSpec spec = layer.spec();
            long width = spec.width();
            IWeightInit kernelInit = layer.getWeightInitFn() == null
                    ? new WeightInitXavierUniform() : layer.getWeightInitFn();
            IWeightInit recurrentInit = layer.getWeightInitFnRecurrent() == null
                    ? new OrthogonalInit() : layer.getWeightInitFnRecurrent();
            kernelInit.init(spec.inputSize(), width, new long[] {spec.inputSize(), width}, 'c',
                    params.get(WEIGHT_KEY));
            recurrentInit.init(spec.units(), width, new long[] {spec.units(), width}, 'c',
                    params.get(RECURRENT_WEIGHT_KEY));
            if (spec.useBias()) {
                INDArray bias = params.get(BIAS_KEY);
                bias.assign(layer.getBiasInit());
                if (spec.cell() == CellType.LSTM && layer.isUnitForgetBias()) {
                    bias.get(NDArrayIndex.all(), NDArrayIndex.interval(spec.units(), 2L * spec.units())).assign(1.0);
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
        return views((Recurrent) conf.getLayer(), gradientView);
    }

    /** Views of the flat vector in the order W, RW, b. */
    private static Map<String, INDArray> views(Recurrent layer, INDArray flatView) {
        RnnSpec spec = layer.spec();
        long expected = spec.parameterCount();
        if (flatView.length() != expected) {
            throw new IllegalArgumentException("recurrent layer " + layer.getLayerName() + ": expected " + expected
                    + " parameters, got a view of " + flatView.length());
        }
        INDArray flat = flatView.reshape(flatView.length());
        long width = spec.width();
        Map<String, INDArray> params = new LinkedHashMap<>();
        long pos = 0;
        params.put(WEIGHT_KEY, segment(flat, pos, spec.inputSize(), width));
        pos += spec.inputSize() * width;
        params.put(RECURRENT_WEIGHT_KEY, segment(flat, pos, spec.units(), width));
        pos += spec.units() * width;
        if (spec.useBias()) {
            params.put(BIAS_KEY, segment(flat, pos, spec.biasRows(), width));
        }
        return params;
    }

    private static INDArray segment(INDArray flat, long start, long rows, long cols) {
        return flat.get(NDArrayIndex.interval(start, start + rows * cols)).reshape('c', rows, cols);
    }
}
