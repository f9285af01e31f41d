package dev.seqtrain.model.gru;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;

import dev.seqtrain.model.rnn.OrthogonalInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of the legacy {@link GRU} (model directories written before the recurrent engine), laid out like Keras' weights so that they can be copied over one to one:
 * {@code W} = kernel [nIn, 3u], {@code RW} = recurrent kernel [u, 3u], {@code b} = input bias [1, 3u] and, with
 * {@code reset_after}, {@code rb} = recurrent bias [1, 3u] (Keras' bias row 0 and row 1). Columns are grouped by gate
 * in the order z, r, h. Matrices are column-major ('f') views of the flat parameter vector, as DL4J's own layers.
 *
 * <p>Count: 3u(nIn + u + 2) with {@code reset_after}, 3u(nIn + u + 1) without, 3u(nIn + u) without bias: Keras'
 * numbers.
 */
public final class GRUParamInitializer implements ParamInitializer {

    public static final String WEIGHT_KEY = "W";
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = "b";
    public static final String RECURRENT_BIAS_KEY = "rb";

    private static final GRUParamInitializer INSTANCE = new GRUParamInitializer();
    private static final List<String> WEIGHT_KEYS = List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY);

    private GRUParamInitializer() {
    }

    public static GRUParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GRU gru = (GRU) layer;
        long nIn = gru.getNIn();
        long units = gru.getNOut();
        return 3 * units * (nIn + units + biasRows(gru));
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(WEIGHT_KEYS);
        keys.addAll(biasKeys(layer));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        GRU gru = (GRU) layer;
        if (!gru.isHasBias()) {
            return Collections.emptyList();
        }
        return gru.isResetAfter() ? List.of(BIAS_KEY, RECURRENT_BIAS_KEY) : List.of(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) || RECURRENT_BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GRU gru = (GRU) conf.getLayer();
        Map<String, INDArray> params = views(gru, paramsView);
        if (initializeParams) {
            long nIn = gru.getNIn();
            long units = gru.getNOut();
            IWeightInit kernelInit = gru.getWeightInitFn() == null
                    ? new WeightInitXavierUniform() : gru.getWeightInitFn();
            IWeightInit recurrentInit = gru.getWeightInitFnRecurrent() == null
                    ? new OrthogonalInit() : gru.getWeightInitFnRecurrent();
            // fan-in / fan-out as Keras computes them for a [rows, cols] kernel: glorot limit sqrt(6 / (nIn + 3u))
            kernelInit.init(nIn, 3 * units, new long[] {nIn, 3 * units}, 'f', params.get(WEIGHT_KEY));
            recurrentInit.init(units, 3 * units, new long[] {units, 3 * units}, 'f',
                    params.get(RECURRENT_WEIGHT_KEY));
            for (String key : biasKeys(gru)) {
                params.get(key).assign(gru.getBiasInit());
            }
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((GRU) conf.getLayer(), gradientView);
    }

    /** Views of the flat vector, in the order W, RW, b, rb; writing to them writes to the flat vector. */
    private Map<String, INDArray> views(GRU gru, INDArray flatView) {
        long nIn = gru.getNIn();
        long units = gru.getNOut();
        long expected = numParams(gru);
        if (flatView.length() != expected) {
            throw new IllegalArgumentException("GRU layer " + gru.getLayerName() + ": expected " + expected
                    + " parameters, got a view of " + flatView.length());
        }
        INDArray flat = flatView.reshape(flatView.length());
        Map<String, INDArray> params = new LinkedHashMap<>();
        long pos = 0;
        params.put(WEIGHT_KEY, segment(flat, pos, nIn, 3 * units));
        pos += nIn * 3 * units;
        params.put(RECURRENT_WEIGHT_KEY, segment(flat, pos, units, 3 * units));
        pos += units * 3 * units;
        for (String key : biasKeys(gru)) {
            params.put(key, segment(flat, pos, 1, 3 * units));
            pos += 3 * units;
        }
        return params;
    }

    private static INDArray segment(INDArray flat, long start, long rows, long cols) {
        return flat.get(NDArrayIndex.interval(start, start + rows * cols)).reshape('f', rows, cols);
    }

    private static long biasRows(GRU gru) {
        if (!gru.isHasBias()) {
            return 0;
        }
        return gru.isResetAfter() ? 2 : 1;
    }
}
