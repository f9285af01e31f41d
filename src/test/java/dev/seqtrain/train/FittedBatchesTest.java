package dev.seqtrain.train;

import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batch counter counts mini-batches, not optimizer steps: with truncated BPTT of 2 steps on sequences of 6 each
 * batch is three updates, and the count is still one per batch. 8 batches, 2 workers x 4 per round: all are fitted.
 */
class FittedBatchesTest {

    @Test
    void countsEachFittedMiniBatchOnceWhateverTheUpdatesPerBatch() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01))
                .list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .backpropType(BackpropType.TruncatedBPTT).tBPTTLength(2)
                .build());
        net.init();
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(new DataSet(Nd4j.rand(5, 3, 6), Nd4j.zeros(5, 2, 6).putSlice(0, Nd4j.ones(2, 6))));
        }
        FittedBatches fitted = FittedBatches.register(jsc.sc());
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(2, 5)
                .batchSizePerWorker(5).averagingFrequency(4).saveUpdater(true).build();
        master.addHook(fitted);
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, master);

        MultiLayerNetwork local = net.clone();
        local.fit(batches.get(0));
        assertEquals(3, local.getIterationCount(), "one batch is three truncated-BPTT updates");

        sparkNet.fit(jsc.parallelize(batches, 2));
        assertEquals(8, fitted.total());
        sparkNet.fit(jsc.parallelize(batches, 2));
        assertEquals(16, fitted.total(), "the count accumulates over fits");
    }
}
