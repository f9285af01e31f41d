package dev.seqtrain.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Setting a learning rate reaches every layer's updater, the cells inside DL4J's and seqtrain's wrappers included:
 * after a rate of 0 a fit leaves every parameter as it was, and the optimizer state survives. DL4J's own
 * {@code setLearningRate} does not reach into {@code Bidirectional} (which is why {@link NetworkLearningRate} exists).
 */
class NetworkLearningRateTest {
    private static final int VOCABULARY = 20;
    private static final int T = 6;
    private static final String LAST_STEP = "- lstm: {units: 4, implementation: dl4j}";            // LastTimeStep(LSTM)
    private static final String ENGINE_LAST_STEP = "- lstm: {units: 4}";                           // the engine's layer
    private static final String BIDIRECTIONAL_LAST_STEP = "- gru: {units: 4, bidirectional: true}"; // seqtrain's wrapper
    private static final String BIDIRECTIONAL_SEQUENCES =
            "- simple_rnn: {units: 4, return_sequences: true, bidirectional: true}\n    - global_max_pooling1d: {}";

    @ParameterizedTest
    @ValueSource(strings = {LAST_STEP, ENGINE_LAST_STEP, BIDIRECTIONAL_LAST_STEP, BIDIRECTIONAL_SEQUENCES})
    void aRateOfZeroFreezesEveryParameter(String recurrent) {
        MultiLayerNetwork net = network(recurrent);
        DataSet batch = batch(new Random(3));
        net.fit(batch); // Adam's moments are no longer zero

        INDArray state = net.getUpdater().getStateViewArray().dup();
        NetworkLearningRate.set(net, 0.0);
        NetworkLearningRate.rates(net).forEach(r -> assertEquals(0.0, r));
        assertEquals(state, net.getUpdater().getStateViewArray(), "the optimizer state is kept");
        INDArray frozen = net.params().dup();
        net.fit(batch);
        assertEquals(frozen, net.params(), "no parameter moves at rate 0");

        NetworkLearningRate.set(net, 0.25);
        NetworkLearningRate.rates(net).forEach(r -> assertEquals(0.25, r));
        MultiLayerNetwork copy = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        copy.init();
        NetworkLearningRate.rates(copy).forEach(r -> assertEquals(0.25, r,
                "a network built from the configuration (as Spark workers build theirs) has the new rate"));
        net.fit(batch);
        assertNotEquals(frozen, net.params());
    }

    /**
     * A network read back from its serialized form (model.zip) has one updater configuration per layer (a freshly
     * built one shares a single instance, through which DL4J's setter happens to reach every layer): there DL4J's
     * {@code setLearningRate(0)} leaves the cells inside {@code Bidirectional} training.
     */
    @ParameterizedTest
    @ValueSource(strings = {BIDIRECTIONAL_LAST_STEP, BIDIRECTIONAL_SEQUENCES})
    void dl4jsOwnSetterMissesBidirectionalCells(String recurrent) throws Exception {
        DataSet batch = batch(new Random(3));
        MultiLayerNetwork dl4jOnly = roundTrip(network(recurrent));
        dl4jOnly.setLearningRate(0.0);
        assertTrue(NetworkLearningRate.rates(dl4jOnly).stream().anyMatch(r -> r > 0),
                "DL4J's setLearningRate misses a wrapped layer: " + NetworkLearningRate.rates(dl4jOnly));
        INDArray before = dl4jOnly.params().dup();
        dl4jOnly.fit(batch);
        assertNotEquals(before, dl4jOnly.params(), "so the wrapped cells still train");

        MultiLayerNetwork ours = roundTrip(network(recurrent));
        NetworkLearningRate.set(ours, 0.0);
        INDArray frozen = ours.params().dup();
        ours.fit(batch);
        assertEquals(frozen, ours.params());
    }

    private static MultiLayerNetwork roundTrip(MultiLayerNetwork net) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    }

    private static MultiLayerNetwork network(String recurrent) {
        ModelPlan plan = ModelPlan.of(TestSpecs.model("""
                  layers:
                    - embedding: {output_dim: 5, mask_zero: true, trainable: false}
                    %s
                    - dense: {units: 1, activation: sigmoid}
                  optimizer: {name: adam, learning_rate: 0.05}
                """.formatted(recurrent)), new ModelInput(VOCABULARY, T, 2));
        return plan.newNetwork(7);
    }

    private static DataSet batch(Random random) {
        int mb = 8;
        INDArray ids = Nd4j.zeros(mb, 1, T);
        INDArray labels = Nd4j.zeros(mb, 1);
        for (int i = 0; i < mb; i++) {
            for (int t = 0; t < T; t++) ids.putScalar(i, 0, t, 1 + random.nextInt(VOCABULARY - 1));
            labels.putScalar(i, 0, random.nextInt(2));
        }
        return new DataSet(ids, labels, Nd4j.ones(mb, T), null);
    }
}
