package dev.seqtrain.bench;

import dev.seqtrain.batch.BatchBuilder;
import dev.seqtrain.batch.LengthBuckets;
import dev.seqtrain.job.BatchingSpec.Padding;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training throughput of {@code training.batching} settings on IMDB-like lengths (issue #14): the same network, the same
 * rows, fixed padding against dynamic padding without and with length buckets, in interleaved rounds in one JVM, so
 * the ratios are measured under the same load. Each round fits one epoch of the rows (shuffled by the round's seed)
 * through the real batch builders and {@link LengthBuckets}; the time includes building the batches.
 *
 * <p>Lengths are log-normal with median 170 tokens and sigma 0.7 (mean about 215, about 10% longer than maxlen 400
 * and truncated), like IMDB reviews under a 10,000-word vocabulary. Ids are random (speed only; the accuracy side of
 * the benchmark trains MR through the CLI, submit-scripts/bench-batching.sh).
 *
 * <pre>BatchingBenchmark DOCUMENTS ROUNDS [BATCH MAXLEN BUCKETS]   (default 1024 2 64 400 8)</pre>
 */
public final class BatchingBenchmark {

    private record Config(String name, Padding padding, int buckets) {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int maxlen = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        int buckets = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        List<Config> configs = List.of(new Config("fixed", Padding.FIXED, 1),
                new Config("dynamic", Padding.DYNAMIC, 1),
                new Config("dynamic+" + buckets + "b", Padding.DYNAMIC, buckets));

        List<Row> rows = rows(documents, maxlen, new Random(7));
        long real = rows.stream().mapToLong(r -> Math.min(maxlen, r.getInt(2))).sum();
        int[] sorted = rows.stream().mapToInt(r -> r.getInt(2)).sorted().toArray();
        System.out.printf("%d documents, lengths median %d, mean %.0f, p90 %d, max %d; %.1f%% longer than maxlen %d;"
                        + " real tokens %,d = %.1f%% of %,d padded; batch %d%n", documents, sorted[documents / 2],
                (double) rows.stream().mapToInt(r -> r.getInt(2)).sum() / documents, sorted[documents * 9 / 10],
                sorted[documents - 1], 100.0 * rows.stream().filter(r -> r.getInt(2) > maxlen).count() / documents,
                maxlen, real, 100.0 * real / ((long) documents * maxlen), (long) documents * maxlen, batch);

        ModelPlan plan = ModelPlan.of(JobSpecLoader.parse("bench.yaml", """
                name: bench
                output: {dir: /tmp/seqtrain-bench}
                model:
                  layers:
                    - embedding: {output_dim: 50, mask_zero: true}
                    - lstm: {units: 50}
                    - dense: {units: 1, activation: sigmoid}
                  loss: binary_crossentropy
                  optimizer: {name: adam, learning_rate: 0.001}
                """, List.of()).model(), new ModelInput(10000, maxlen, 2));
        MultiLayerNetwork net = plan.newNetwork(42);
        Layer recurrent = net.getLayer(1) instanceof LastTimeStepLayer l ? l.getUnderlying() : net.getLayer(1);
        System.out.println("network: " + net.getLayer(0).getClass().getSimpleName() + " -> "
                + recurrent.getClass().getName() + " (last step) -> " + net.getLayer(net.getnLayers() - 1).getClass().getSimpleName()
                + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", load " + loadavg());

        // warm-up: a few batches of each configuration
        for (Config c : configs) epoch(net, c, rows.subList(0, Math.min(rows.size(), batch * 4)), batch, 1);

        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Config c : configs) {
                List<Row> shuffled = new ArrayList<>(rows);
                Collections.shuffle(shuffled, new Random(round));
                String load = loadavg();
                long t0 = System.nanoTime();
                long padded = epoch(net, c, shuffled, batch, round);
                double s = (System.nanoTime() - t0) / 1e9;
                results.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(new double[]{s, padded});
                System.out.printf("round %d %-12s %7.1f s  real %8.0f tokens/s  padded %8.0f steps/s  padded/real %.2f"
                        + "  load %s%n", round, c.name(), s, real / s, padded / s, (double) padded / real, load);
            }
        }
        System.out.println();
        System.out.println("| padding | buckets | padded steps / real tokens | seconds per epoch (median) | real tokens/s | ratio to fixed |");
        System.out.println("|---|---|---|---|---|---|");
        double fixed = median(results.get("fixed"));
        for (Config c : configs) {
            List<double[]> r = results.get(c.name());
            double s = median(r);
            System.out.printf("| %s | %d | %.2f | %.1f | %,.0f | %.2fx |%n", c.padding(), c.buckets(), r.get(0)[1] / real, s,
                    real / s, fixed / s);
        }
    }

    /** One epoch of {@code rows} fitted batch by batch; the padded steps the batches held. */
    private static long epoch(MultiLayerNetwork net, Config c, List<Row> rows, int batch, long seed) {
        BatchBuilder builder = new BatchBuilder(batch, 2, true, true, true, c.padding(), c.buckets());
        Iterator<DataSet> batches = builder.batches(builder.buckets().reorder(rows.iterator(), 0, seed));
        long padded = 0;
        while (batches.hasNext()) {
            DataSet d = batches.next();
            padded += d.getFeatures().size(2) * d.numExamples();
            net.fit(d);
        }
        return padded;
    }

    /** Prepared rows {@code (ids pre-padded and pre-truncated to maxlen, label, length)}. */
    static List<Row> rows(int documents, int maxlen, Random random) {
        List<Row> rows = new ArrayList<>(documents);
        for (int i = 0; i < documents; i++) {
            int length = Math.max(1, (int) Math.round(Math.exp(Math.log(170) + 0.7 * random.nextGaussian())));
            int kept = Math.min(length, maxlen);
            List<Integer> ids = new ArrayList<>(maxlen);
            for (int t = 0; t < maxlen - kept; t++) ids.add(0);
            // roughly Zipfian ids in 1..9999, as a 10,000-word vocabulary gives
            for (int t = 0; t < kept; t++) ids.add(Math.min(9999, 1 + (int) Math.exp(random.nextDouble() * Math.log(10000))));
            rows.add(RowFactory.create(scala.collection.JavaConverters.asScalaBuffer(ids).toSeq(), random.nextInt(2), length));
        }
        return rows;
    }

    private static double median(List<double[]> r) {
        double[] s = r.stream().mapToDouble(x -> x[0]).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
