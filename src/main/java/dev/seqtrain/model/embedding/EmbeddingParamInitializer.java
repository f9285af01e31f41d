package dev.seqtrain.model.embedding;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one parameter of {@link Embedding}: {@code W}, the table [input_dim, output_dim] (DL4J's key and shape, Keras'
 * count), row-major so that a token's row is contiguous for {@link EmbeddingRows}. Initialised by the layer's weight
 * init, else as Keras does (uniform in [-0.05, 0.05]).
 */
public final class EmbeddingParamInitializer implements ParamInitializer {

    public static final String WEIGHT_KEY = "W";

    private static final EmbeddingParamInitializer INSTANCE = new EmbeddingParamInitializer();
    private static final List<String> KEYS = List.of(WEIGHT_KEY);

    private EmbeddingParamInitializer() {
    }

    public static EmbeddingParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Embedding e = (Embedding) layer;
        return e.getNIn() * e.getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Embedding layer = (Embedding) conf.getLayer();
        INDArray table = view(layer, paramsView);
        if (initializeParams) {
            IWeightInit init = layer.getWeightInitFn() == null
                    ? new WeightInitDistribution(new UniformDistribution(-0.05, 0.05)) : layer.getWeightInitFn();
            init.init(layer.getNIn(), layer.getNOut(), table.shape(), 'c', table);
        }
        conf.addVariable(WEIGHT_KEY);
        return Collections.singletonMap(WEIGHT_KEY, table);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return Collections.singletonMap(WEIGHT_KEY, view((Embedding) conf.getLayer(), gradientView));
    }

    private static INDArray view(Embedding layer, INDArray flatView) {
        long expected = layer.getNIn() * layer.getNOut();
        if (flatView.length() != expected) {
            throw new IllegalArgumentException("embedding " + layer.getLayerName() + ": expected " + expected
                    + " parameters, got a view of " + flatView.length());
        }
        return flatView.reshape('c', layer.getNIn(), layer.getNOut());
    }
}
