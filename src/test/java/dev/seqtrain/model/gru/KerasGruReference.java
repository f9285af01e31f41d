package dev.seqtrain.model.gru;

import java.util.Random;

/**
 * An independent, plain-Java GRU written from Keras' GRUCell equations (keras/src/layers/rnn/gru.py): double loops,
 * no ND4J. Weights in Keras' layout: kernel [d][3u], recurrentKernel [u][3u], bias [2][3u] (reset_after) or [1][3u],
 * or null without bias; gate blocks z, r, h. Masking as Keras' RNN: at a masked step the state and the output are
 * those of the previous step.
 */
final class KerasGruReference {

    final int inputSize;
    final int units;
    final boolean resetAfter;
    final double[][] kernel;
    final double[][] recurrentKernel;
    final double[][] bias;

    KerasGruReference(double[][] kernel, double[][] recurrentKernel, double[][] bias, boolean resetAfter) {
        this.inputSize = kernel.length;
        this.units = recurrentKernel.length;
        this.kernel = kernel;
        this.recurrentKernel = recurrentKernel;
        this.bias = bias;
        this.resetAfter = resetAfter;
    }

    /** Random weights in [-scale, scale]. */
    static KerasGruReference random(int inputSize, int units, boolean resetAfter, boolean hasBias, long seed,
            double scale) {
        Random random = new Random(seed);
        double[][] kernel = uniform(random, inputSize, 3 * units, scale);
        double[][] recurrent = uniform(random, units, 3 * units, scale);
        double[][] bias = hasBias ? uniform(random, resetAfter ? 2 : 1, 3 * units, scale) : null;
        return new KerasGruReference(kernel, recurrent, bias, resetAfter);
    }

    static double[][] uniform(Random random, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (2 * random.nextDouble() - 1) * scale;
            }
        }
        return m;
    }

    /**
     * Runs the sequences x[example][step][feature] from state h0 (null: zeros) with mask[example][step] (null: all
     * real). Returns outputs[example][step][unit] (Keras' return_sequences); the final state is the last output.
     */
    double[][][] run(double[][][] x, boolean[][] mask, double[][] h0) {
        int examples = x.length;
        int steps = x[0].length;
        double[][][] out = new double[examples][steps][];
        for (int ex = 0; ex < examples; ex++) {
            double[] h = h0 == null ? new double[units] : h0[ex].clone();
            for (int t = 0; t < steps; t++) {
                if (mask == null || mask[ex][t]) {
                    h = cell(x[ex][t], h);
                }
                out[ex][t] = h.clone();
            }
        }
        return out;
    }

    /** One GRUCell step. */
    double[] cell(double[] x, double[] hPrev) {
        int u = units;
        double[] matrixX = new double[3 * u];
        for (int j = 0; j < 3 * u; j++) {
            double s = bias == null ? 0 : bias[0][j];
            for (int i = 0; i < inputSize; i++) {
                s += x[i] * kernel[i][j];
            }
            matrixX[j] = s;
        }
        double[] inner = new double[3 * u];
        int innerWidth = resetAfter ? 3 * u : 2 * u;
        for (int j = 0; j < innerWidth; j++) {
            double s = resetAfter && bias != null ? bias[1][j] : 0;
            for (int k = 0; k < u; k++) {
                s += hPrev[k] * recurrentKernel[k][j];
            }
            inner[j] = s;
        }
        double[] z = new double[u];
        double[] r = new double[u];
        for (int k = 0; k < u; k++) {
            z[k] = sigmoid(matrixX[k] + inner[k]);
            r[k] = sigmoid(matrixX[u + k] + inner[u + k]);
        }
        double[] h = new double[u];
        for (int k = 0; k < u; k++) {
            double recurrentH;
            if (resetAfter) {
                recurrentH = r[k] * inner[2 * u + k];
            } else {
                recurrentH = 0;
                for (int m = 0; m < u; m++) {
                    recurrentH += r[m] * hPrev[m] * recurrentKernel[m][2 * u + k];
                }
            }
            double hh = Math.tanh(matrixX[2 * u + k] + recurrentH);
            h[k] = z[k] * hPrev[k] + (1 - z[k]) * hh;
        }
        return h;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
