package dev.seqtrain.model.gru;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import java.util.Random;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between plain Java arrays and DL4J's time series, and Keras weights into a GRU layer. */
final class GruTestSupport {

    private GruTestSupport() {
    }

    /** Random x[example][step][feature] in [-1, 1]. */
    static double[][][] randomSequences(Random random, int examples, int steps, int features) {
        double[][][] x = new double[examples][steps][features];
        for (double[][] ex : x) {
            for (double[] step : ex) {
                for (int i = 0; i < features; i++) {
                    step[i] = 2 * random.nextDouble() - 1;
                }
            }
        }
        return x;
    }

    /** x[example][step][feature] as DL4J's NCW [example, feature, step]. */
    static INDArray ncw(double[][][] x) {
        int examples = x.length;
        int steps = x[0].length;
        int features = x[0][0].length;
        INDArray out = Nd4j.create(DataType.DOUBLE, examples, features, steps);
        for (int ex = 0; ex < examples; ex++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < features; i++) {
                    out.putScalar(new long[] {ex, i, t}, x[ex][t][i]);
                }
            }
        }
        return out;
    }

    /** mask[example][step] as DL4J's [example, step] 1/0 array. */
    static INDArray maskArray(boolean[][] mask) {
        INDArray out = Nd4j.create(DataType.DOUBLE, mask.length, mask[0].length);
        for (int ex = 0; ex < mask.length; ex++) {
            for (int t = 0; t < mask[0].length; t++) {
                out.putScalar(ex, t, mask[ex][t] ? 1.0 : 0.0);
            }
        }
        return out;
    }

    /** Copies Keras weights into a GRU layer: kernel → W, recurrent kernel → RW, bias rows → b, rb. */
    static void loadKerasWeights(Layer gruLayer, KerasGruReference keras) {
        gruLayer.setParam(GRUParamInitializer.WEIGHT_KEY, Nd4j.create(keras.kernel));
        gruLayer.setParam(GRUParamInitializer.RECURRENT_WEIGHT_KEY, Nd4j.create(keras.recurrentKernel));
        if (keras.bias != null) {
            gruLayer.setParam(GRUParamInitializer.BIAS_KEY, Nd4j.create(new double[][] {keras.bias[0]}));
            if (keras.resetAfter) {
                gruLayer.setParam(GRUParamInitializer.RECURRENT_BIAS_KEY,
                        Nd4j.create(new double[][] {keras.bias[1]}));
            }
        }
    }

    /** Largest |a - b| over the real steps of a [example, unit, step] output and the reference's outputs. */
    static double maxDifference(INDArray ncwOutput, double[][][] reference, boolean[][] mask) {
        double max = 0;
        for (int ex = 0; ex < reference.length; ex++) {
            for (int t = 0; t < reference[0].length; t++) {
                if (mask != null && !mask[ex][t]) {
                    continue;
                }
                for (int k = 0; k < reference[0][0].length; k++) {
                    max = Math.max(max, Math.abs(ncwOutput.getDouble(ex, k, t) - reference[ex][t][k]));
                }
            }
        }
        return max;
    }

    /** Uniform values in ±{@code scale} for every parameter, biases included, so every backward term is exercised. */
    static MultiLayerNetwork randomizeParams(MultiLayerNetwork net, long seed, double scale) {
        java.util.Random random = new java.util.Random(seed);
        INDArray params = net.params();
        for (long i = 0; i < params.length(); i++) {
            params.putScalar(i, (2 * random.nextDouble() - 1) * scale);
        }
        return net;
    }
}
