package dev.seqtrain.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dev.seqtrain.model.gru.GRU;

/**
 * Single-machine training throughput of Embedding(10000, 100) → {SimpleRnn, LSTM, GRU}(64) → last step →
 * Dense(1, sigmoid), length 80, batch 128, random ids, Adam, in float. The three cells are measured in rounds,
 * interleaved, so that load from other processes hits them alike; per cell the best round counts.
 *
 * <pre>
 * mvn -B -o -q test-compile
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     dev.seqtrain.bench.RnnThroughputBenchmark [warmupIterations] [iterationsPerRound] [rounds]
 * </pre>
 */
public final class RnnThroughputBenchmark {

    private static final int VOCAB = 10_000;
    private static final int EMBEDDING = 100;
    private static final int UNITS = 64;
    private static final int MAXLEN = 80;
    private static final int BATCH = 128;

    private RnnThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        Map<String, IntFunction<Layer>> cells = new LinkedHashMap<>();
        cells.put("SimpleRnn", nIn -> new SimpleRnn.Builder().nIn(nIn).nOut(UNITS).activation(Activation.TANH)
                .build());
        cells.put("LSTM", nIn -> new LSTM.Builder().nIn(nIn).nOut(UNITS).activation(Activation.TANH).build());
        cells.put("GRU", nIn -> new GRU.Builder().nIn(nIn).nOut(UNITS).build());

        DataSet batch = randomBatch();
        Map<String, MultiLayerNetwork> nets = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<Layer>> cell : cells.entrySet()) {
            MultiLayerNetwork net = network(cell.getValue().apply(EMBEDDING));
            for (int i = 0; i < warmup; i++) {
                net.fit(batch);
            }
            nets.put(cell.getKey(), net);
        }

        Map<String, List<Double>> tokensPerSecond = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, MultiLayerNetwork> entry : nets.entrySet()) {
                long start = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    entry.getValue().fit(batch);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                tokensPerSecond.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                        .add((double) iterations * BATCH * MAXLEN / seconds);
            }
        }

        System.out.printf("Embedding(%d,%d) -> RNN(%d) -> last step -> Dense(1,sigmoid); maxlen %d, batch %d, Adam, "
                + "float; OMP_NUM_THREADS=%s; warm-up %d, %d rounds x %d iterations%n", VOCAB, EMBEDDING, UNITS,
                MAXLEN, BATCH, System.getenv("OMP_NUM_THREADS"), warmup, rounds, iterations);
        System.out.printf("%-10s %14s %14s   %s%n", "cell", "best tok/s", "median tok/s", "rounds (tok/s)");
        for (Map.Entry<String, List<Double>> entry : tokensPerSecond.entrySet()) {
            List<Double> values = entry.getValue();
            System.out.printf("%-10s %14.0f %14.0f   %s%n", entry.getKey(), best(values), median(values),
                    format(values));
        }
        double ratioBest = best(tokensPerSecond.get("GRU")) / best(tokensPerSecond.get("LSTM"));
        double ratioMedian = median(tokensPerSecond.get("GRU")) / median(tokensPerSecond.get("LSTM"));
        System.out.printf("GRU/LSTM throughput ratio: %.2f (best), %.2f (median)%n", ratioBest, ratioMedian);
    }

    private static MultiLayerNetwork network(Layer recurrent) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(EMBEDDING).build())
                .layer(new LastTimeStep(recurrent))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(UNITS).nOut(1).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet randomBatch() {
        INDArray ids = Nd4j.rand(DataType.FLOAT, BATCH, MAXLEN).muli(VOCAB).castTo(DataType.INT32)
                .castTo(DataType.FLOAT);
        INDArray labels = Nd4j.rand(DataType.FLOAT, BATCH, 1).gt(0.5).castTo(DataType.FLOAT);
        return new DataSet(ids, labels);
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
