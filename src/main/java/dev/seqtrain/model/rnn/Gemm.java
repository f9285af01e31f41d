package dev.seqtrain.model.rnn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C = op(A) · op(B) + beta · C for the engine's row-major matrices, straight through OpenBLAS' cblas_sgemm /
 * cblas_dgemm (the library ND4J's CPU backend itself calls). ND4J's {@code Nd4j.gemm} builds and dispatches an
 * {@code Mmul} custom op for every call: measured about 30 µs per call on this machine, as much as the FLOPs of a
 * [128, 64] · [64, 64] step product, and the engine makes two such products per step. Anything the direct call does
 * not cover (another backend, data type or layout) goes through {@code Nd4j.gemm} as before.
 */
final class Gemm {

    /** Whether ND4J runs on its CPU backend, whose arrays live in host memory that OpenBLAS can read. */
    private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains("CpuBackend");

    private Gemm() {
    }

    static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        int lda = leading(a);
        int ldb = leading(b);
        int ldc = leading(c);
        DataType type = c.dataType();
        boolean direct = CPU && lda > 0 && ldb > 0 && ldc > 0 && a.dataType() == type && b.dataType() == type
                && (type == DataType.FLOAT || type == DataType.DOUBLE);
        if (!direct) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
            return;
        }
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transposeA ? a.size(0) : a.size(1));
        if ((transposeA ? a.size(1) : a.size(0)) != m || (transposeB ? b.size(1) : b.size(0)) != k
                || (transposeB ? b.size(0) : b.size(1)) != n) {
            throw new IllegalArgumentException("gemm: shapes do not fit: " + java.util.Arrays.toString(a.shape())
                    + (transposeA ? "ᵀ" : "") + " · " + java.util.Arrays.toString(b.shape()) + (transposeB ? "ᵀ" : "")
                    + " into " + java.util.Arrays.toString(c.shape()));
        }
        int ta = transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        // a view's address pointer starts at the view (its data buffer is a view at the array's offset)
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1f,
                    new FloatPointer(a.data().addressPointer()), lda, new FloatPointer(b.data().addressPointer()), ldb,
                    (float) beta, new FloatPointer(c.data().addressPointer()), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1.0,
                    new DoublePointer(a.data().addressPointer()), lda, new DoublePointer(b.data().addressPointer()),
                    ldb, beta, new DoublePointer(c.data().addressPointer()), ldc);
        }
    }

    /**
     * The row stride of a row-major 2-D matrix with contiguous rows whose data buffer starts where the array does;
     * -1 for anything else.
     */
    static int leading(INDArray x) {
        if (x.rank() != 2 || x.size(0) < 1 || x.size(1) < 1 || x.data().offset() != x.offset()) {
            return -1;
        }
        long columns = x.size(1);
        long rowStride = x.size(0) == 1 ? columns : x.stride(0);
        if ((columns > 1 && x.stride(1) != 1) || rowStride < columns || rowStride > Integer.MAX_VALUE) {
            return -1;
        }
        return (int) rowStride;
    }
}
