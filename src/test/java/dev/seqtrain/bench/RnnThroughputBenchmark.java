package dev.seqtrain.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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

import dev.seqtrain.bench.oldgru.OldGru;
import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.embedding.Embedding;
import dev.seqtrain.model.rnn.Recurrent;

/**
 * Single-machine training throughput (padded tokens/s) of Embedding(vocab, dim) → cell(units) → last step →
 * Dense(1, sigmoid), random ids, Adam, in float: DL4J's SimpleRnn and LSTM, seqtrain's model/gru GRU (behind DL4J's
 * EmbeddingSequenceLayer) and the engine's ({@link Recurrent}) SimpleRNN, LSTM and GRU (behind seqtrain's
 * {@link Embedding}, as NetworkBuilder builds them), plus ND4J's sgemm rate on a 1024³ product. All are measured in rounds,
 * interleaved, after warm-up, so that load from other processes hits them alike; per entry the best round counts.
 * Default shape: Embedding(10000, 100), 64 units, maxlen 80, batch 128.
 *
 * <pre>
 * submit-scripts/bench-rnn.sh [warmup iterationsPerRound rounds [vocab dim units maxlen batch]]
 * </pre>
 */
public final class RnnThroughputBenchmark {

    private static int VOCAB = 10_000;
    private static int EMBEDDING = 100;
    private static int UNITS = 64;
    private static int MAXLEN = 80;
    private static int BATCH = 128;
    private static final int GEMM_SIZE = 1024;

    private RnnThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (args.length > 7) {
            VOCAB = Integer.parseInt(args[3]);
            EMBEDDING = Integer.parseInt(args[4]);
            UNITS = Integer.parseInt(args[5]);
            MAXLEN = Integer.parseInt(args[6]);
            BATCH = Integer.parseInt(args[7]);
        }

        // DL4J's cells and the old GRU in networks as DL4J (and seqtrain before) built them, with DL4J's
        // EmbeddingSequenceLayer; the engine's as NetworkBuilder builds them now, with seqtrain's Embedding. One DL4J
        // cell also with seqtrain's Embedding, to tell the embedding's share from the cell's.
        Map<String, Supplier<MultiLayerNetwork>> cells = new LinkedHashMap<>();
        cells.put("dl4j SimpleRnn", () -> network(dl4jEmbedding(), new SimpleRnn.Builder().nIn(EMBEDDING).nOut(UNITS)
                .activation(Activation.TANH).build()));
        cells.put("dl4j SimpleRnn + seqtrain Embedding", () -> network(seqtrainEmbedding(),
                new SimpleRnn.Builder().nIn(EMBEDDING).nOut(UNITS).activation(Activation.TANH).build()));
        cells.put("engine SimpleRNN", () -> network(seqtrainEmbedding(), engine(CellType.SIMPLE_RNN)));
        cells.put("dl4j LSTM", () -> network(dl4jEmbedding(), new LSTM.Builder().nIn(EMBEDDING).nOut(UNITS)
                .activation(Activation.TANH).build()));
        cells.put("engine LSTM", () -> network(seqtrainEmbedding(), engine(CellType.LSTM)));
        cells.put("model/gru GRU", () -> network(dl4jEmbedding(), new OldGru.Builder().nIn(EMBEDDING).nOut(UNITS)
                .build()));
        cells.put("engine GRU", () -> network(seqtrainEmbedding(), engine(CellType.GRU)));

        // -Dbench.only=engine LSTM: one cell only (for a profile)
        String only = System.getProperty("bench.only");
        if (only != null) {
            cells.keySet().retainAll(List.of(only));
        }
        DataSet batch = randomBatch();
        Map<String, MultiLayerNetwork> nets = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<MultiLayerNetwork>> cell : cells.entrySet()) {
            MultiLayerNetwork net = cell.getValue().get();
            for (int i = 0; i < warmup; i++) {
                net.fit(batch);
            }
            nets.put(cell.getKey(), net);
        }

        INDArray gemmA = Nd4j.rand(DataType.FLOAT, GEMM_SIZE, GEMM_SIZE);
        INDArray gemmB = Nd4j.rand(DataType.FLOAT, GEMM_SIZE, GEMM_SIZE);
        INDArray gemmC = Nd4j.create(DataType.FLOAT, GEMM_SIZE, GEMM_SIZE);
        for (int i = 0; i < warmup; i++) {
            Nd4j.gemm(gemmA, gemmB, gemmC, false, false, 1.0, 0.0);
        }
        List<Double> gemmGflops = new ArrayList<>();
        Map<String, List<Double>> tokensPerSecond = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            long gemmStart = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                Nd4j.gemm(gemmA, gemmB, gemmC, false, false, 1.0, 0.0);
            }
            gemmGflops.add(iterations * 2.0 * GEMM_SIZE * GEMM_SIZE * GEMM_SIZE / (System.nanoTime() - gemmStart));
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
        System.out.printf("%-36s %14s %14s   %s%n", "cell", "best tok/s", "median tok/s", "rounds (tok/s)");
        for (Map.Entry<String, List<Double>> entry : tokensPerSecond.entrySet()) {
            List<Double> values = entry.getValue();
            System.out.printf("%-36s %14.0f %14.0f   %s%n", entry.getKey(), best(values), median(values),
                    format(values));
        }
        System.out.printf("sgemm %d^3: best %.1f GFLOP/s, median %.1f GFLOP/s%n", GEMM_SIZE, best(gemmGflops),
                median(gemmGflops));
        if (only != null) {
            return;
        }
        ratio(tokensPerSecond, "engine LSTM", "dl4j LSTM");
        ratio(tokensPerSecond, "engine SimpleRNN", "dl4j SimpleRnn");
        ratio(tokensPerSecond, "engine SimpleRNN", "dl4j SimpleRnn + seqtrain Embedding");
        ratio(tokensPerSecond, "engine GRU", "model/gru GRU");
        // forward + backward ≈ 3x the forward FLOPs: 2·4u(nIn + u) per token for the LSTM, 2u for Dense(1)
        double flopsPerToken = 3.0 * (2.0 * 4 * UNITS * (EMBEDDING + UNITS) + 2.0 * UNITS);
        double lstmGflops = best(tokensPerSecond.get("engine LSTM")) * flopsPerToken / 1e9;
        System.out.printf("engine LSTM training rate: %.1f GFLOP/s = %.0f %% of sgemm (best rounds; %.0f kFLOP per "
                + "token)%n", lstmGflops, 100 * lstmGflops / best(gemmGflops), flopsPerToken / 1e3);
    }

    private static void ratio(Map<String, List<Double>> tokensPerSecond, String a, String b) {
        System.out.printf("%s / %s: %.2fx (best), %.2fx (median)%n", a, b,
                best(tokensPerSecond.get(a)) / best(tokensPerSecond.get(b)),
                median(tokensPerSecond.get(a)) / median(tokensPerSecond.get(b)));
    }

    private static Layer engine(CellType cell) {
        return new Recurrent.Builder(cell).nIn(EMBEDDING).nOut(UNITS).returnSequences(false).build();
    }

    private static Layer dl4jEmbedding() {
        return new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(EMBEDDING).build();
    }

    private static Layer seqtrainEmbedding() {
        return new Embedding.Builder().nIn(VOCAB).nOut(EMBEDDING).build();
    }

    private static MultiLayerNetwork network(Layer embedding, Layer recurrent) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list()
                .layer(embedding)
                // the engine's layer hands on its final state itself (as NetworkBuilder builds it); the others need LastTimeStep
                .layer(recurrent instanceof Recurrent r && !r.isReturnSequences() ? recurrent : new LastTimeStep(recurrent))
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
