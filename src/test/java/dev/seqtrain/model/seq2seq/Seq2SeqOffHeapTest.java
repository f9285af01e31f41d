package dev.seqtrain.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqtrain.model.rnn.CellType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Issue #15: the encoder-decoder's arrays must live in workspaces, freed or reused at once, not outside them until the
 * JVM's GC collects their Java objects. (The process's resident memory was tried as the measure: in a short test
 * JVM the GC frees the detached arrays often enough that it cannot tell the two apart, so the tests check where the
 * arrays live.)
 */
class Seq2SeqOffHeapTest {

    private static MultiLayerNetwork network() {
        Seq2SeqShape shape = Seq2SeqLayerTest.shape(CellType.LSTM, 8, 8, StateMerge.CONCAT, true);
        MultiLayerNetwork net = new MultiLayerNetwork(
                Seq2SeqLayerTest.configuration(shape, new Adam(1e-3), DataType.FLOAT, 7));
        net.init();
        return net;
    }

    @Test
    void trainingKeepsTheForwardCacheInAWorkspace() {
        MultiLayerNetwork net = network();
        DataSet batch = ReversalTask.batch(ReversalTask.sources(16, 1), DataType.FLOAT);
        for (int i = 0; i < 3; i++) {
            net.fit(batch);
            EncoderDecoder network = ((Seq2SeqLayer) net.getLayer(0)).network();
            assertTrue(network.lastEncoderOutputs().isAttached(),
                    "iteration " + i + ": the encoder's outputs were allocated outside every workspace");
        }
    }

    @Test
    void decodingAllocatesInItsWorkspace() {
        MultiLayerNetwork net = network();
        Seq2SeqPredictor predictor = new Seq2SeqPredictor(net, ReversalTask.TARGET);
        int[] source = {0, 0, 3, 1, 4, 1};
        for (int i = 0; i < 3; i++) {
            predictor.decode(source, new BeamSearch(3, 10, 1.0));
        }
        MemoryWorkspace decoding = Nd4j.getWorkspaceManager()
                .getWorkspaceForCurrentThread(Seq2SeqPredictor.DECODING_ID);
        assertTrue(decoding.getCurrentSize() > 0, "decoding allocated nothing in its workspace");
        assertTrue(!decoding.isScopeActive(), "the decoding workspace was left open");
    }
}
