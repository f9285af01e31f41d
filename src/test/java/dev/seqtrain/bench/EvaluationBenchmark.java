package dev.seqtrain.bench;

import dev.seqtrain.cli.Main;
import dev.seqtrain.infer.LoadedModel;
import dev.seqtrain.job.JobSpec;
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
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.dataset.DataSet;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Issue #14, parts 3 and 4, on IMDB-like reviews ({@link ReviewCorpus}) with Embedding(10000, 50, mask_zero) →
 * LSTM(50) → Dense(32) → Dense(1), maxlen 200, on {@code local[2]} in one JVM:
 * <ol>
 *   <li>a validation pass over the N validation documents (one-pass {@link Evaluator}, batch
 *       {@link Evaluator#BATCH_SIZE}) against one training pass over the same N documents (parameter averaging, batch
 *       32) and against the previous validation (DL4J's {@code calculateScore}, then {@code doEvaluation} with
 *       Evaluation and ROC, batch 32), in interleaved rounds;</li>
 *   <li>{@code seqtrain predict} through the CLI on every document of the corpus: documents/s per core and the peak
 *       heap, ND4J off-heap ({@code Pointer.totalBytes}) and process RSS ({@code Pointer.physicalBytes}) while it
 *       runs (local mode: the driver is the executor).</li>
 * </ol>
 * <pre>submit-scripts/bench-eval.sh [--size-mb 8] [--rounds 3] [--work-dir DIR]</pre>
 */
public final class EvaluationBenchmark {
    private static final long MB = 1L << 20;

    private EvaluationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMb = 8;
        int rounds = 3;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--work-dir" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: EvaluationBenchmark [--size-mb N] [--rounds R] [--work-dir DIR]");
            }
        }
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
        PreparedBatches forEvaluation = PreparedBatches.validation(spark, prepared,
                RowBatchers.of(plan, 2, model.trainedWith(), Evaluator.BATCH_SIZE), cores);
        long n = prepared.validationRows();
        System.out.printf(Locale.ROOT, "validation pass vs training pass over the same %,d documents%n", n);
        System.out.println("| round | training pass s | one-pass validation s | previous validation s | validation/training"
                + " | previous/training | load |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int r = 0; r <= rounds; r++) {
            double train = seconds(() -> trainingPass(jsc, net.clone(), forTraining.inOrder()));
            double onePass = seconds(() -> Evaluator.evaluate(jsc, net, forEvaluation.inOrder(), plan.task(),
                    KerasLoss.of(plan.loss())).metrics());
            double previous = seconds(() -> previousValidation(jsc, net, forTraining.inOrder()));
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.3f | %.3f | %s |%n", r == 0 ? "warm-up" : r,
                    train, onePass, previous, onePass / train, previous / train, load());
        }

        long docs = prepared.trainRows() + prepared.validationRows();
        System.out.printf(Locale.ROOT, "predict over %,d documents, %d cores%n", docs, cores);
        System.out.println("| round | seconds | documents/s | documents/s per core | peak heap MB | peak ND4J off-heap MB"
                + " | peak RSS MB | load |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int r = 0; r <= rounds; r++) {
            Path out = work.resolve("predictions-" + r);
            MemoryPeaks peaks = MemoryPeaks.start();
            double s = seconds(() -> predict(job, corpus, out));
            peaks.stop();
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.0f | %d | %d | %d | %s |%n", r == 0 ? "warm-up" : r, s,
                    docs / s, docs / s / cores, peaks.heap / MB, peaks.offHeap / MB, peaks.rss / MB, load());
        }
        spark.stop();
    }

    private static void trainingPass(JavaSparkContext jsc, MultiLayerNetwork net, JavaRDD<DataSet> batches) {
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(
                jsc.defaultParallelism(), 32).batchSizePerWorker(32).averagingFrequency(5).build();
        new SparkDl4jMultiLayer(jsc, net, master).fit(batches);
    }

    /** What validation did before the one-pass evaluation: a scoring pass, then an evaluation pass. */
    private static void previousValidation(JavaSparkContext jsc, MultiLayerNetwork net, JavaRDD<DataSet> batches) {
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(
                jsc.defaultParallelism(), 32).batchSizePerWorker(32).build();
        new SparkDl4jMultiLayer(jsc, net.clone(), master).calculateScore(batches, true, 32);
        new SparkDl4jMultiLayer(jsc, net.clone(), master).doEvaluation(batches, 32, new Evaluation(), new ROC());
    }

    private static void predict(Path job, Path corpus, Path out) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.execute(new String[]{"predict", job.toString(), "--input", corpus.toUri() + "/*.tsv",
                "--output", out.toString()}, quiet, quiet);
        if (code != 0) throw new IllegalStateException("predict failed: " + sink.toString(StandardCharsets.UTF_8));
    }

    private static double seconds(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
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
