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

    /** Elements i .. i+n-1 into {@code to[0..n)}: one bulk copy, for loops over heap arrays. */
    abstract void read(int i, double[] to, int n);

    /** {@code from[0..n)} into elements i .. i+n-1. */
    abstract void write(int i, double[] from, int n);

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
        /** Bulk copies go through float[] (a memory copy), widened or narrowed in a plain loop. */
        private float[] scratch = new float[0];

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

        @Override
        void read(int i, double[] to, int n) {
            float[] f = scratch(n);
            buffer.get(i, f, 0, n);
            for (int k = 0; k < n; k++) {
                to[k] = f[k];
            }
        }

        @Override
        void write(int i, double[] from, int n) {
            float[] f = scratch(n);
            for (int k = 0; k < n; k++) {
                f[k] = (float) from[k];
            }
            buffer.put(i, f, 0, n);
        }

        private float[] scratch(int n) {
            if (scratch.length < n) {
                scratch = new float[n];
            }
            return scratch;
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

        @Override
        void read(int i, double[] to, int n) {
            buffer.get(i, to, 0, n);
        }

        @Override
        void write(int i, double[] from, int n) {
            buffer.put(i, from, 0, n);
        }
    }
}
