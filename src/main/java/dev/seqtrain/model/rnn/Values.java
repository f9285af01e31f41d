package dev.seqtrain.model.rnn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to the native memory of a whole (non-view) ND4J array, for the engine's fused element-wise loops:
 * one JVM loop instead of a dozen native ops per step. Arithmetic is done in double either way.
 */
abstract class Values {

    abstract double get(int i);

    abstract void set(int i, double v);

    /** Wraps the array's memory (no copy): the array must own its buffer from offset 0. */
    static Values of(INDArray array) {
        if (array.isView() || array.offset() != 0) {
            throw new IllegalArgumentException("expected a whole array, got a view");
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new Doubles(array.data().asNioDouble());
        }
        if (array.dataType() == DataType.FLOAT) {
            return new Floats(array.data().asNioFloat());
        }
        throw new IllegalArgumentException("the recurrent engine computes in FLOAT or DOUBLE, not " + array.dataType());
    }

    private static final class Floats extends Values {
        private final FloatBuffer buffer;

        Floats(FloatBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double v) {
            buffer.put(i, (float) v);
        }
    }

    private static final class Doubles extends Values {
        private final DoubleBuffer buffer;

        Doubles(DoubleBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double v) {
            buffer.put(i, v);
        }
    }
}
