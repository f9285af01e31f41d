package dev.seqtrain.model.embedding;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The embedding kernel shared by seqtrain's embedding layer and the encoder-decoder: ids into time-major positions,
 * a gather of table rows, and the table's gradient as a sparse accumulation over the rows a batch touched. Both loops
 * work on the arrays' memory through NIO buffers, one bulk copy per row: no per-row INDArray views or native ops.
 *
 * <p>Positions are time-major: position t·mb + b is example b at step t, so gathered rows [T·mb, D] are the
 * [T, mb, D] layout of the recurrent engine. Tables and row blocks must be row-major with contiguous rows (views at
 * an offset are fine: the encoder-decoder's tables are views of its flat parameter vector).
 */
public final class EmbeddingRows {

    private EmbeddingRows() {
    }

    /**
     * Time-major ids of [mb, T] or [mb, 1, T] (whole numbers, as DL4J passes them); {@code what} names the caller in
     * the message for an id outside [0, rows).
     */
    public static int[] timeMajorIds(INDArray ids, long rows, String what) {
        int mb = (int) ids.size(0);
        int t = (int) steps(ids);
        double[] values = Nd4j.toFlattened('c', ids).toDoubleVector();
        int[] out = new int[mb * t];
        for (int b = 0; b < mb; b++) {
            for (int s = 0; s < t; s++) {
                double v = values[b * t + s];
                int id = (int) v;
                if (id != v || id < 0 || id >= rows) {
                    throw new IllegalArgumentException(what + ": id " + v + " at example " + b + ", step " + s
                            + " is outside the embedding's " + rows + " rows");
                }
                out[s * mb + b] = id;
            }
        }
        return out;
    }

    /** Steps of ids [mb, T] or [mb, 1, T]. */
    public static long steps(INDArray ids) {
        if (ids.rank() == 2) {
            return ids.size(1);
        }
        if (ids.rank() == 3 && ids.size(1) == 1) {
            return ids.size(2);
        }
        throw new IllegalArgumentException("expected ids [minibatch, steps] or [minibatch, 1, steps], got "
                + java.util.Arrays.toString(ids.shape()));
    }

    /** Time-major real steps of a mask [mb, T] (non-zero = real); null for no mask. */
    public static boolean[] timeMajorMask(INDArray mask, int mb, int t) {
        if (mask == null) {
            return null;
        }
        if (mask.length() != (long) mb * t || mask.size(0) != mb) {
            throw new IllegalArgumentException("expected a mask [" + mb + ", " + t + "], got "
                    + java.util.Arrays.toString(mask.shape()));
        }
        double[] values = Nd4j.toFlattened('c', mask).toDoubleVector();
        boolean[] real = new boolean[mb * t];
        for (int b = 0; b < mb; b++) {
            for (int s = 0; s < t; s++) {
                real[s * mb + b] = values[b * t + s] != 0;
            }
        }
        return real;
    }

    /**
     * Row p of {@code out} = table row ids[p], or zeros where {@code real[p]} is false (DL4J's embedding zeroes
     * masked steps too).
     *
     * @param out row-major, contiguous, ids.length · D elements (e.g. [T, mb, D])
     */
    public static void gather(INDArray table, int[] ids, boolean[] real, INDArray out) {
        int d = rowLength(table);
        checkBlock(out, ids.length, d, table.dataType());
        int t0 = (int) table.offset();
        int o0 = (int) out.offset();
        if (table.dataType() == DataType.FLOAT) {
            FloatBuffer from = table.data().asNioFloat();
            FloatBuffer to = out.data().asNioFloat();
            float[] zeros = new float[d];
            for (int p = 0; p < ids.length; p++) {
                if (real == null || real[p]) {
                    to.put(o0 + p * d, from, t0 + ids[p] * d, d);
                } else {
                    to.put(o0 + p * d, zeros, 0, d);
                }
            }
        } else {
            DoubleBuffer from = table.data().asNioDouble();
            DoubleBuffer to = out.data().asNioDouble();
            double[] zeros = new double[d];
            for (int p = 0; p < ids.length; p++) {
                if (real == null || real[p]) {
                    to.put(o0 + p * d, from, t0 + ids[p] * d, d);
                } else {
                    to.put(o0 + p * d, zeros, 0, d);
                }
            }
        }
    }

    /**
     * dL/d(table) into {@code dTable} (overwritten): row ids[p] accumulates row p of {@code dRows} over the real
     * positions. The whole table is zeroed first (one native fill): DL4J's updaters leave their update in the
     * gradient array, so rows this batch does not touch are not zero from the last one.
     *
     * @param dRows row-major, contiguous, ids.length · D elements (e.g. [T, mb, D])
     */
    public static void scatterAdd(INDArray dRows, int[] ids, boolean[] real, INDArray dTable) {
        int d = rowLength(dTable);
        checkBlock(dRows, ids.length, d, dTable.dataType());
        dTable.assign(0);
        int g0 = (int) dTable.offset();
        int r0 = (int) dRows.offset();
        if (dTable.dataType() == DataType.FLOAT) {
            FloatBuffer rows = dRows.data().asNioFloat();
            FloatBuffer grad = dTable.data().asNioFloat();
            float[] row = new float[d];
            float[] sum = new float[d];
            for (int p = 0; p < ids.length; p++) {
                if (real != null && !real[p]) {
                    continue;
                }
                int at = g0 + ids[p] * d;
                rows.get(r0 + p * d, row, 0, d);
                grad.get(at, sum, 0, d);
                for (int j = 0; j < d; j++) {
                    sum[j] += row[j];
                }
                grad.put(at, sum, 0, d);
            }
        } else {
            DoubleBuffer rows = dRows.data().asNioDouble();
            DoubleBuffer grad = dTable.data().asNioDouble();
            double[] row = new double[d];
            double[] sum = new double[d];
            for (int p = 0; p < ids.length; p++) {
                if (real != null && !real[p]) {
                    continue;
                }
                int at = g0 + ids[p] * d;
                rows.get(r0 + p * d, row, 0, d);
                grad.get(at, sum, 0, d);
                for (int j = 0; j < d; j++) {
                    sum[j] += row[j];
                }
                grad.put(at, sum, 0, d);
            }
        }
    }

    /** Whether {@code a} is row-major and contiguous: its memory is one block in c order. */
    public static boolean contiguous(INDArray a) {
        if (a.ordering() != 'c') {
            return false;
        }
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    private static int rowLength(INDArray table) {
        if (table.rank() != 2 || !contiguous(table)) {
            throw new IllegalArgumentException("embedding: expected a row-major table [rows, dim] with contiguous "
                    + "rows, got shape " + java.util.Arrays.toString(table.shape()) + ", order " + table.ordering());
        }
        if (table.dataType() != DataType.FLOAT && table.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("embedding: FLOAT or DOUBLE tables only, not " + table.dataType());
        }
        return (int) table.size(1);
    }

    private static void checkBlock(INDArray rows, int positions, int d, DataType type) {
        if (rows.length() != (long) positions * d || !contiguous(rows) || rows.dataType() != type) {
            throw new IllegalArgumentException("embedding: expected " + positions + " contiguous " + type + " rows of "
                    + d + ", got shape " + java.util.Arrays.toString(rows.shape()) + " " + rows.dataType());
        }
    }
}
