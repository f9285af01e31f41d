package dev.seqtrain.bench.oldgru;

import dev.seqtrain.model.gru.GRU;
import dev.seqtrain.model.gru.GRUParamInitializer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise operations of the GRU loops, each writing into a given array (no allocation): thin names over
 * ND4J's ops, so the loops read like the equations.
 */
final class Ops {

    private Ops() {
    }

    /** out = a + b. */
    static void add(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new AddOp(a, b, out));
    }

    /** out = a - b. */
    static void sub(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new SubOp(a, b, out));
    }

    /** out = a ⊙ b. */
    static void mul(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new MulOp(a, b, out));
    }

    /** out = scalar - a. */
    static void rsub(double scalar, INDArray a, INDArray out) {
        Nd4j.getExecutioner().exec(new ScalarReverseSubtraction(a, null, out, scalar));
    }

    /** out[i, j] = a[i, j] * column[i]. */
    static void mulColumn(INDArray a, INDArray column, INDArray out) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(a, column, out, 0));
    }

    /** out[i, j] = a[i, j] + column[i]. */
    static void addColumn(INDArray a, INDArray column, INDArray out) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(a, column, out, 0));
    }

    /** out[i, j, t] = a[i, j, t] * mask[i, t]. */
    static void mulTimeSeries(INDArray a, INDArray mask, INDArray out) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(a, mask, out, 0, 2));
    }

    /** Every [.., j, ..] slice along {@code dimension} of {@code target} set to vector[j]. */
    static void fillAlong(INDArray target, INDArray vector, int dimension) {
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(target, vector, target, dimension));
    }

    /** c = alpha * op(a) op(b) + beta * c. */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
    }
}
