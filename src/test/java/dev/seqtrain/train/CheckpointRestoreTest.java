package dev.seqtrain.train;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.store.ModelDirectory;
import dev.seqtrain.store.ModelZip;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A checkpoint's state moved into a freshly built network trains on exactly like the network it was taken from:
 * weights, Adam's moments and step counter all come back. Without the optimizer state the next step differs.
 */
class CheckpointRestoreTest {

    private static MultiLayerNetwork net(int hidden, org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(hidden).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    @Test
    void transplantedStateContinuesTrainingExactly() throws Exception {
        DataSet d = new DataSet(Nd4j.rand(16, 4), Nd4j.eye(2).repeat(0, 8));
        MultiLayerNetwork original = net(5, new Adam(0.05));
        for (int i = 0; i < 5; i++) original.fit(d);
        MultiLayerNetwork saved = ModelZip.read(ModelDirectory.serialize(original), "model.zip", true);

        MultiLayerNetwork resumed = net(5, new Adam(0.05));
        CheckpointRestore.transplant(saved, resumed, "test");
        assertEquals(original.getIterationCount(), resumed.getIterationCount());
        MultiLayerNetwork withoutState = net(5, new Adam(0.05));
        withoutState.setParams(saved.params());

        original.fit(d);
        resumed.fit(d);
        withoutState.fit(d);
        assertEquals(original.params(), resumed.params());
        assertNotEquals(original.params(), withoutState.params(), "the optimizer state matters for this check");
    }

    @Test
    void anotherOptimizerKeepsTheWeightsAndStartsItsStateAnew() {
        MultiLayerNetwork original = net(5, new Adam(0.05));
        original.fit(new DataSet(Nd4j.rand(16, 4), Nd4j.eye(2).repeat(0, 8)));
        MultiLayerNetwork sgd = net(5, new Sgd(0.01));
        CheckpointRestore.transplant(original, sgd, "test");
        assertEquals(original.params(), sgd.params());
    }

    @Test
    void anotherArchitectureIsRefused() {
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CheckpointRestore.transplant(net(5, new Adam(0.05)), net(6, new Adam(0.05)), "ckpt"));
        assertEquals(dev.seqtrain.errors.ExitCode.USAGE, e.exitCode());
    }

    /**
     * DL4J's EmbeddingSequenceLayer and seqtrain's Embedding hold the same number of weights in another order: a
     * checkpoint written before seqtrain's own layer must be refused, not copied into a scrambled table.
     */
    @Test
    void theSameCountsInAnotherLayerClassAreRefused() {
        SeqtrainException e = assertThrows(SeqtrainException.class, () -> CheckpointRestore.transplant(
                embeddingNet(new org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer.Builder().nIn(10).nOut(3)
                        .hasBias(false).build()),
                embeddingNet(new dev.seqtrain.model.embedding.Embedding.Builder().nIn(10).nOut(3).build()), "ckpt"));
        assertEquals(dev.seqtrain.errors.ExitCode.USAGE, e.exitCode());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("layer 0 of the checkpoint is "
                + "EmbeddingSequenceLayer"), e.getMessage());
    }

    private static MultiLayerNetwork embeddingNet(org.deeplearning4j.nn.conf.layers.Layer embedding) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).list()
                .layer(embedding)
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }
}
