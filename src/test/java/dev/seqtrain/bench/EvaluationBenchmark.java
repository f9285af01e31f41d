package dev.seqtrain.bench;

import dev.seqtrain.cli.Main;
import dev.seqtrain.infer.LoadedModel;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.EvaluationSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.metrics.Evaluator;
import dev.seqtrain.metrics.KerasLoss;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.PrepareJob;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.spark.SparkSessions;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.train.PreparedBatches;
import dev.seqtrain.batch.RowBatchers;
import dev.seqtrain.train.TrainJob;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue #14, parts 3 and 4, on IMDB-like reviews ({@link ReviewCorpus}) with Embedding(10000, 50, mask_zero) →
 * LSTM(50) → Dense(32) → Dense(1), maxlen 200, on {@code local[2]} in one JVM:
 * <ol>
 *   <li>a validation pass over the N validation documents (one-pass {@link Evaluator}) against one training pass over
 *       the same N documents (parameter averaging, batch 32), in interleaved rounds: validation in stored order with
 *       the default batch size, and length-sorted ({@link Evaluator#batcher}) with each of {@code --eval-batches};
 *       plus the data side alone (reading the prepared rows and building the sorted batches, no forward pass);</li>
 *   <li>{@code seqtrain predict} through the CLI on every document of a corpus of {@code --predict-size-mb}:
 *       documents/s per core and the peak heap, ND4J off-heap ({@code Pointer.totalBytes}) and process RSS
 *       ({@code Pointer.physicalBytes}) while it runs (local mode: the driver is the executor).</li>
 * </ol>
 * <pre>submit-scripts/bench-eval.sh [--size-mb 8] [--predict-size-mb 32] [--eval-batches 128,512,2048] [--rounds 3]
 *     [--work-dir DIR]</pre>
 */
public final class EvaluationBenchmark {
    private static final long MB = 1L << 20;

    private EvaluationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMb = 8;
        int rounds = 3;
        Path work = null;
        long predictMb = -1;
        List<Integer> evalBatches = List.of(128, 512, 2048);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--work-dir" -> work = Path.of(args[++i]);
                case "--predict-size-mb" -> predictMb = Long.parseLong(args[++i]);
                case "--eval-batches" -> evalBatches = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: EvaluationBenchmark [--size-mb N] [--predict-size-mb N] [--eval-batches 128,512,2048] [--rounds R] [--work-dir DIR]");
            }
        }
        if (predictMb < 0) predictMb = sizeMb;
        if (work == null) work = Files.createTempDirectory("seqtrain-bench-eval");
        System.setProperty("spark.master", System.getProperty("spark.master", "local[2]"));
        System.setProperty("spark.ui.enabled", "false");
        Path corpus = work.resolve("corpus");
        new ReviewCorpus(7, ReviewCorpus.DEFAULT_VOCABULARY).write(corpus, sizeMb * MB, 4);
        Path job = Files.writeString(work.resolve("bench-eval.yaml"), spec(corpus, work));

        SparkSession spark = SparkSessions.getOrCreate("seqtrain-bench-eval");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int cores = spark.sparkContext().defaultParallelism();
        System.out.printf(Locale.ROOT, "spark %s, %d cores, corpus %d MB, load %s%n", spark.sparkContext().master(),
                cores, sizeMb, load());
        HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
        JobSpec spec = JobSpecLoader.parse(job.toString(), Files.readString(job), List.of());
        PreparedData prepared = new PrepareJob(spark, files).run(spec);
        new TrainJob(spark, files).run(spec, prepared);
        LoadedModel model = LoadedModel.load(files, spec.output().dir());
        ModelPlan plan = model.plan();
        MultiLayerNetwork net = model.network();

        PreparedBatches forTraining = PreparedBatches.validation(spark, prepared,
                RowBatchers.of(plan, 2, model.trainedWith()), cores);
        int chosen = EvaluationSpec.DEFAULT_BATCH_SIZE;
        PreparedBatches unsorted = PreparedBatches.validation(spark, prepared,
                RowBatchers.of(plan, 2, model.trainedWith(), chosen), cores);
        List<Integer> sizes = new ArrayList<>(evalBatches);
        if (!sizes.contains(chosen)) sizes.add(0, chosen);
        List<PreparedBatches> sorted = new ArrayList<>();
        for (int b : sizes) {
            sorted.add(PreparedBatches.validation(spark, prepared, Evaluator.batcher(model.kind(), plan, 2, model.trainedWith(), b), cores));
        }
        long n = prepared.validationRows();
        System.out.printf(Locale.ROOT, "validation pass vs training pass over the same %,d documents%n", n);
        // wall seconds, and the JVM's CPU seconds (local mode: all of Spark's work is in this JVM), which move far
        // less than wall time when other processes load the machine; ratios are of CPU seconds
        StringBuilder head = new StringBuilder("| round | training pass s (CPU s) | unsorted " + chosen + " s (CPU s)");
        for (int b : sizes) head.append(" | sorted ").append(b).append(" s (CPU s)");
        head.append(" | batches only s (CPU s) | unsorted/training CPU");
        for (int b : sizes) head.append(" | sorted ").append(b).append("/training CPU");
        System.out.println(head.append(" | load |"));
        System.out.println("|---".repeat(5 + 2 * sizes.size()) + "|---|");
        for (int r = 0; r <= rounds; r++) {
            Timed train = timed(() -> trainingPass(jsc, net.clone(), forTraining.inOrder()));
            Timed plain = timed(() -> Evaluator.evaluate(jsc, net, unsorted.inOrder(), plan.task(),
                    KerasLoss.of(plan.loss())).metrics());
            Timed[] v = new Timed[sizes.size()];
            for (int i = 0; i < v.length; i++) {
                PreparedBatches b = sorted.get(i);
                v[i] = timed(() -> Evaluator.evaluate(jsc, net, b.inOrder(), plan.task(), KerasLoss.of(plan.loss()))
                        .metrics());
            }
            // reading the prepared rows and building the batches, no forward pass: the data side of validation
            Timed batchesOnly = timed(() -> sorted.get(0).inOrder().count());
            StringBuilder row = new StringBuilder("| " + (r == 0 ? "warm-up" : r) + " | " + train + " | " + plain);
            for (Timed x : v) row.append(" | ").append(x);
            row.append(" | ").append(batchesOnly).append(String.format(Locale.ROOT, " | %.3f", plain.cpu / train.cpu));
            for (Timed x : v) row.append(String.format(Locale.ROOT, " | %.3f", x.cpu / train.cpu));
            System.out.println(row.append(" | ").append(load()).append(" |"));
        }

        Path toPredict = corpus;
        if (predictMb != sizeMb) {
            toPredict = work.resolve("predict-corpus");
            new ReviewCorpus(11, ReviewCorpus.DEFAULT_VOCABULARY).write(toPredict, predictMb * MB, 4);
        }
        Path predictInput = toPredict;
        long docs = countLines(predictInput);
        System.out.printf(Locale.ROOT, "predict over %,d documents, %d cores%n", docs, cores);
        System.out.println("| round | seconds | CPU s | documents/s | documents/s per core | documents per CPU s"
                + " | peak heap MB | peak ND4J off-heap MB | peak RSS MB | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int r = 0; r <= rounds; r++) {
            Path out = work.resolve("predictions-" + r);
            MemoryPeaks peaks = MemoryPeaks.start();
            Timed t = timed(() -> predict(job, predictInput, out));
            peaks.stop();
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.0f | %.0f | %.0f | %d | %d | %d | %s |%n",
                    r == 0 ? "warm-up" : r, t.wall, t.cpu, docs / t.wall, docs / t.wall / cores, docs / t.cpu,
                    peaks.heap / MB, peaks.offHeap / MB, peaks.rss / MB, load());
        }
        spark.stop();
    }

    private static long countLines(Path dir) throws java.io.IOException {
        long lines = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".tsv")).toList()) {
                try (var l = Files.lines(f)) {
                    lines += l.count();
                }
            }
        }
        return lines;
    }

    private static void trainingPass(JavaSparkContext jsc, MultiLayerNetwork net, JavaRDD<DataSet> batches) {
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(
                jsc.defaultParallelism(), 32).batchSizePerWorker(32).averagingFrequency(5).build();
        new SparkDl4jMultiLayer(jsc, net, master).fit(batches);
    }

    private static void predict(Path job, Path corpus, Path out) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.execute(new String[]{"predict", job.toString(), "--input", corpus.toUri() + "/*.tsv",
                "--output", out.toString()}, quiet, quiet);
        if (code != 0) throw new IllegalStateException("predict failed: " + sink.toString(StandardCharsets.UTF_8));
    }

    /** Wall seconds and this JVM's CPU seconds (every thread, GC and JIT included). */
    private record Timed(double wall, double cpu) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f (%.2f)", wall, cpu);
        }
    }

    private static Timed timed(Runnable r) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        r.run();
        return new Timed((System.nanoTime() - t) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Peaks sampled every 20 ms: JVM heap used, ND4J's off-heap allocations, the process' resident memory. */
    private static final class MemoryPeaks {
        private volatile boolean running = true;
        private long heap;
        private long offHeap;
        private long rss;
        private Thread thread;

        static MemoryPeaks start() {
            MemoryPeaks p = new MemoryPeaks();
            p.thread = new Thread(() -> {
                while (p.running) {
                    p.sample();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-peaks");
            p.thread.setDaemon(true);
            p.thread.start();
            return p;
        }

        private synchronized void sample() {
            heap = Math.max(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            offHeap = Math.max(offHeap, Pointer.totalBytes());
            rss = Math.max(rss, Pointer.physicalBytes());
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
            sample();
        }
    }

    /** TSV label<TAB>review, Keras num_words 10000 with an OOV token, maxlen 200, half the corpus for validation. */
    static String spec(Path corpus, Path work) {
        return """
                name: bench-eval
                data:
                  format: tsv
                  train: "%s/*.tsv"
                  header: false
                  label_column: "0"
                  text_column: "1"
                  validation_split: 0.5
                text:
                  num_words: 10000
                  oov_token: "<OOV>"
                  maxlen: 200
                model:
                  layers:
                    - embedding: {output_dim: 50, mask_zero: true}
                    - lstm: {units: 50}
                    - dense: {units: 32, activation: relu}
                    - dense: {units: 1, activation: sigmoid}
                  loss: binary_crossentropy
                training:
                  epochs: 1
                  batch_size_per_worker: 32
                  seed: 7
                output:
                  dir: "%s/model"
                  if_exists: overwrite
                """.formatted(corpus.toUri(), work.toUri());
    }
}
