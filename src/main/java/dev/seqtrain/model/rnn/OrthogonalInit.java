package dev.seqtrain.model.rnn;

import java.util.Arrays;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code Orthogonal} initializer (gain 1), the default of a GRU's recurrent kernel: a standard normal matrix
 * made orthonormal, so a [rows, cols] kernel with rows &lt;= cols has orthonormal rows (else orthonormal columns).
 * Keras takes Q of a QR decomposition with the signs of R's diagonal folded in; Gram-Schmidt yields that same Q
 * (R's diagonal is positive by construction). The normal draws come from ND4J's generator, which DL4J seeds.
 *
 * <p>Stateless, serialised by class name like DL4J's own {@link IWeightInit}s.
 */
public class OrthogonalInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        long rows = shape[0];
        long cols = paramView.length() / rows;
        boolean transposed = rows < cols;
        int tall = (int) Math.max(rows, cols);
        int wide = (int) Math.min(rows, cols);
        double[][] columns = gaussianColumns(wide, tall);
        orthonormalise(columns);
        double[][] result = new double[(int) rows][(int) cols];
        for (int j = 0; j < wide; j++) {
            for (int i = 0; i < tall; i++) {
                if (transposed) {
                    result[j][i] = columns[j][i];
                } else {
                    result[i][j] = columns[j][i];
                }
            }
        }
        INDArray matrix = Nd4j.create(result).castTo(paramView.dataType());
        INDArray shaped = paramView.reshape(order, rows, cols);
        shaped.assign(matrix);
        return paramView.reshape(order, shape);
    }

    /** {@code count} columns of length {@code length}, standard normal. */
    private static double[][] gaussianColumns(int count, int length) {
        double[] draws = Nd4j.randn(DataType.DOUBLE, count, length).data().asDouble();
        double[][] columns = new double[count][];
        for (int j = 0; j < count; j++) {
            columns[j] = Arrays.copyOfRange(draws, j * length, (j + 1) * length);
        }
        return columns;
    }

    /** Modified Gram-Schmidt, in place; a (measure-zero) dependent column is replaced by a fresh draw. */
    private static void orthonormalise(double[][] columns) {
        for (int j = 0; j < columns.length; j++) {
            double[] v = columns[j];
            for (int pass = 0; pass < 2; pass++) { // a second pass restores orthogonality lost to rounding
                for (int k = 0; k < j; k++) {
                    double dot = dot(columns[k], v);
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= dot * columns[k][i];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            if (norm < 1e-10) {
                columns[j] = gaussianColumns(1, v.length)[0];
                j--;
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrthogonalInit;
    }

    @Override
    public int hashCode() {
        return OrthogonalInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "OrthogonalInit()";
    }
}
