package dev.seqtrain.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.seqtrain.bench.olds2s.OldSeq2Seq;
import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.seq2seq.Seq2Seq;
import dev.seqtrain.model.seq2seq.Seq2SeqAttention;
import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Single-machine training throughput (forward + backward + Adam, float) of the encoder-decoder layer in the shape of
 * {@code spark-jobs/cmudict-g2p.yaml}: source vocabulary 28, target 42, embeddings 64, bi-LSTM(128, concat) encoder,
 * LSTM(256) decoder, attention, 24 source and 24 target steps, batch 64, real lengths drawn like CMUdict's (source
 * 4..12 characters, target 3..10 phonemes + end). The current layer ({@link Seq2Seq}: Luong and Bahdanau) and the
 * layer before issue 15 ({@link OldSeq2Seq}, Luong) are measured in interleaved rounds in one JVM after warm-up, so
 * that load from other processes hits them alike; per entry the best round counts.
 *
 * <pre>
 * submit-scripts/bench-seq2seq.sh [warmup iterationsPerRound rounds [batch]]
 * </pre>
 */
public final class Seq2SeqThroughputBenchmark {

    private static final int SOURCE_VOCAB = 28;
    private static final int TARGET_VOCAB = 42;
    private static final int CLASSES = 41;
    private static final int EMBEDDING = 64;
    private static final int UNITS = 128;
    private static final int SOURCE_STEPS = 24;
    private static final int TARGET_STEPS = 24;

    private Seq2SeqThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;

        Map<String, Layer> layers = new LinkedHashMap<>();
        layers.put("old luong", new OldSeq2Seq.Builder(shape(Seq2SeqAttention.LUONG), SOURCE_STEPS).build());
        layers.put("new luong", new Seq2Seq.Builder(shape(Seq2SeqAttention.LUONG), SOURCE_STEPS).build());
        layers.put("new bahdanau", new Seq2Seq.Builder(shape(Seq2SeqAttention.BAHDANAU), SOURCE_STEPS).build());
        String only = System.getProperty("bench.only");
        if (only != null) {
            layers.keySet().retainAll(List.of(only.split(",")));
        }
        DataSet data = randomBatch(batch, new Random(42));
        Map<String, MultiLayerNetwork> nets = new LinkedHashMap<>();
        for (Map.Entry<String, Layer> layer : layers.entrySet()) {
            MultiLayerNetwork net = network(layer.getValue());
            for (int i = 0; i < warmup; i++) {
                net.fit(data);
            }
            nets.put(layer.getKey(), net);
        }
        Map<String, List<Double>> tokensPerSecond = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, MultiLayerNetwork> entry : nets.entrySet()) {
                long start = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    entry.getValue().fit(data);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                tokensPerSecond.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                        .add((double) iterations * batch * (SOURCE_STEPS + TARGET_STEPS) / seconds);
            }
        }
        System.out.printf("seq2seq CMUdict shape: bi-LSTM(%d) -> LSTM(%d) + attention; %d + %d steps, batch %d, "
                + "Adam, float; OMP_NUM_THREADS=%s; warm-up %d, %d rounds x %d iterations; load %s%n", UNITS,
                2 * UNITS, SOURCE_STEPS, TARGET_STEPS, batch, System.getenv("OMP_NUM_THREADS"), warmup, rounds,
                iterations, loadAverage());
        System.out.printf("%-13s %14s %14s %12s   %s%n", "layer", "best tok/s", "median tok/s", "ms/batch",
                "rounds (padded tok/s)");
        for (Map.Entry<String, List<Double>> entry : tokensPerSecond.entrySet()) {
            List<Double> v = entry.getValue();
            System.out.printf("%-13s %14.0f %14.0f %12.1f   %s%n", entry.getKey(), best(v), median(v),
                    1000.0 * batch * (SOURCE_STEPS + TARGET_STEPS) / best(v), format(v));
        }
        ratio(tokensPerSecond, "new luong", "old luong");
        ratio(tokensPerSecond, "new bahdanau", "old luong");
        ratio(tokensPerSecond, "new bahdanau", "new luong");
    }

    private static Seq2SeqShape shape(Seq2SeqAttention attention) {
        return new Seq2SeqShape(CellType.LSTM, SOURCE_VOCAB, EMBEDDING, TARGET_VOCAB, EMBEDDING, UNITS, 1,
                StateMerge.CONCAT, attention);
    }

    private static MultiLayerNetwork network(Layer seq2seq) {
        RnnOutputLayer softmax = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).nIn(2 * UNITS).nOut(CLASSES).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.FLOAT).updater(new Adam(0.002)).list().layer(seq2seq).layer(softmax).build());
        net.init();
        return net;
    }

    /** Source ids post-padded, then start + target ids; labels = target ids + end, one-hot, masked. */
    private static DataSet randomBatch(int batch, Random random) {
        int steps = SOURCE_STEPS + TARGET_STEPS;
        INDArray features = Nd4j.zeros(DataType.FLOAT, batch, steps);
        INDArray featureMask = Nd4j.zeros(DataType.FLOAT, batch, steps);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, CLASSES, TARGET_STEPS);
        INDArray labelMask = Nd4j.zeros(DataType.FLOAT, batch, TARGET_STEPS);
        for (int b = 0; b < batch; b++) {
            int sourceLength = 4 + random.nextInt(9);
            for (int t = 0; t < sourceLength; t++) {
                features.putScalar(b, t, 1 + random.nextInt(SOURCE_VOCAB - 1));
                featureMask.putScalar(b, t, 1);
            }
            int targetLength = 3 + random.nextInt(8);
            int previous = CLASSES;  // the start token
            for (int t = 0; t <= targetLength; t++) {
                int next = t == targetLength ? CLASSES - 1 : 1 + random.nextInt(CLASSES - 2);
                features.putScalar(b, SOURCE_STEPS + t, previous);
                featureMask.putScalar(b, SOURCE_STEPS + t, 1);
                labels.putScalar(new long[] {b, next, t}, 1);
                labelMask.putScalar(b, t, 1);
                previous = next;
            }
        }
        return new DataSet(features, labels, featureMask, labelMask);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void ratio(Map<String, List<Double>> tokensPerSecond, String a, String b) {
        if (tokensPerSecond.containsKey(a) && tokensPerSecond.containsKey(b)) {
            System.out.printf("%s / %s: %.2fx (best), %.2fx (median)%n", a, b,
                    best(tokensPerSecond.get(a)) / best(tokensPerSecond.get(b)),
                    median(tokensPerSecond.get(a)) / median(tokensPerSecond.get(b)));
        }
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }
}
