package dev.seqtrain.model.rnn;

import static dev.seqtrain.model.rnn.RnnEngineTorchParityTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine keeps its buffers across the minibatch sizes one layer sees (training's batches, a partition's short
 * last batch, inference's batches) and grows them geometrically with the steps, instead of reallocating hundreds of
 * MB at every switch; results stay those of a fresh engine.
 */
class RnnEngineBuffersTest {

    private static final int INPUT = 3;
    private static final int UNITS = 4;

    @Test
    void alternatingMinibatchSizesKeepTheirBuffersAndResults() {
        RnnSpec spec = RnnSpec.keras(CellType.LSTM, INPUT, UNITS);
        Random random = new Random(7);
        RnnWeights w = new RnnWeights(uniform(random, INPUT, spec.width()), uniform(random, UNITS, spec.width()),
                uniform(random, spec.biasRows(), spec.width()));
        INDArray full = uniform(random, 5, 4, INPUT);
        INDArray partial = uniform(random, 5, 3, INPUT);
        RnnEngine engine = new RnnEngine(spec);

        engine.forward(full, w, null, null, null, true);
        RnnBuffers fullBuffers = engine.buffers();
        engine.forward(partial, w, null, null, null, true);
        assertNotSame(fullBuffers, engine.buffers());
        INDArray again = engine.forward(full, w, null, null, null, true).outputs().dup();
        assertSame(fullBuffers, engine.buffers(), "the full-size buffers are reused after a short batch");

        INDArray fresh = new RnnEngine(spec).forward(full, w, null, null, null, true).outputs();
        assertClose("outputs after a short batch", fresh, again, 0.0);
    }

    @Test
    void longerBatchesGrowTheBuffersByHalfAtLeast() {
        RnnSpec spec = RnnSpec.keras(CellType.GRU, INPUT, UNITS);
        Random random = new Random(3);
        RnnWeights w = new RnnWeights(uniform(random, INPUT, spec.width()), uniform(random, UNITS, spec.width()),
                uniform(random, spec.biasRows(), spec.width()));
        RnnEngine engine = new RnnEngine(spec);
        engine.forward(uniform(random, 10, 2, INPUT), w, null, null, null, true);
        assertEquals(10, engine.buffers().capacity);
        engine.forward(uniform(random, 11, 2, INPUT), w, null, null, null, true);
        RnnBuffers grown = engine.buffers();
        assertEquals(15, grown.capacity);
        INDArray x = uniform(random, 14, 2, INPUT);
        INDArray out = engine.forward(x, w, null, null, null, true).outputs().dup();
        assertSame(grown, engine.buffers(), "14 steps fit the grown buffers");
        assertClose("outputs in grown buffers", new RnnEngine(spec).forward(x, w, null, null, null, true).outputs(),
                out, 0.0);
    }

    private static INDArray uniform(Random random, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) a.putScalar(i, random.nextDouble() * 2 - 1);
        return a;
    }
}
