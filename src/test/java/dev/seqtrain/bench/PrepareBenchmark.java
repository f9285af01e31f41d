package dev.seqtrain.bench;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.prepare.PrepareJob;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.spark.SparkSessions;
import dev.seqtrain.store.HadoopFiles;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * seqtrain's prepare against the Spark ML way ({@link SparkMlPreparePipeline}) on the same generated corpus, in one
 * JVM and one SparkSession ({@code spark.master}, default {@code local[2]}). Both pipelines first run once on a small
 * warm-up corpus (JIT, Spark's code generation, class loading), then each runs once on the measured corpus. Prints
 * MB/s, documents/s, seconds, the ratio, and the peak heap of each phase ({@link HeapMeter}).
 *
 * <pre>PrepareBenchmark [--size-mb 1024] [--warmup-mb 32] [--seed 7] [--files 4] [--only seqtrain|sparkml]
 *                  [--work-dir DIR] [--keep]</pre>
 */
public final class PrepareBenchmark {
    private static final int NUM_WORDS = 10_000;
    private static final int MAXLEN = 200;
    private static final long MB = 1L << 20;

    /** {@code cpuSeconds}: the JVM's CPU time during the run (all threads, GC and JIT included); less sensitive to
     *  other processes on the machine than wall time, so the CPU ratio is the one to trust on a busy machine. */
    record Result(String name, double seconds, double cpuSeconds, long bytes, long documents, long peakUsed,
                  long peakAfterGc) {
        double mbPerSecond() {
            return bytes / (double) MB / seconds;
        }

        double docsPerSecond() {
            return documents / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        long sizeMb = 1024;
        long seed = 7;
        int files = 4;
        Path work = null;
        boolean keep = false;
        long warmupMb = 32;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--work-dir" -> work = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--warmup-mb" -> warmupMb = Long.parseLong(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: PrepareBenchmark [--size-mb N] [--warmup-mb N] [--seed S] [--files F]"
                        + " [--only seqtrain|sparkml] [--work-dir DIR] [--keep]");
            }
        }
        if (work == null) work = Files.createTempDirectory("seqtrain-bench-prepare");
        System.setProperty("spark.master", System.getProperty("spark.master", "local[2]"));
        System.setProperty("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"));
        try {
            run(work, sizeMb, warmupMb, seed, files, only);
        } finally {
            if (!keep) deleteTree(work);
        }
    }

    static void run(Path work, long sizeMb, long warmupMb, long seed, int files, String only) throws IOException {
        boolean withSeqtrain = only == null || "seqtrain".equals(only);
        boolean withSparkMl = only == null || "sparkml".equals(only);
        ReviewCorpus generator = new ReviewCorpus(seed, ReviewCorpus.DEFAULT_VOCABULARY);
        long t0 = System.nanoTime();
        Path corpus = work.resolve("corpus");
        generator.write(corpus, sizeMb * MB, files);
        Path warmCorpus = work.resolve("warmup-corpus");
        if (warmupMb > 0) new ReviewCorpus(seed + 1, ReviewCorpus.DEFAULT_VOCABULARY).write(warmCorpus, Math.min(warmupMb, sizeMb) * MB, 2);
        long bytes = sizeOf(corpus);
        System.out.printf(Locale.ROOT, "corpus: %s, %d files, %.1f MB, generated in %.1f s%n", corpus, files,
                bytes / (double) MB, (System.nanoTime() - t0) / 1e9);

        SparkSession spark = SparkSessions.getOrCreate("seqtrain-bench-prepare");
        try {
            System.out.printf(Locale.ROOT, "spark: %s, default parallelism %d, max heap %d MB, %d processors, load %.2f%n",
                    spark.sparkContext().master(), spark.sparkContext().defaultParallelism(),
                    HeapMeter.maxHeap() / MB, Runtime.getRuntime().availableProcessors(), loadAverage());
            if (warmupMb > 0) {
                long warm = System.nanoTime();
                if (withSeqtrain) seqtrain(spark, warmCorpus, work.resolve("warmup-seqtrain"), seed, 0);
                if (withSparkMl) baseline(spark, warmCorpus, work.resolve("warmup-sparkml"), seed, 0);
                System.out.printf(Locale.ROOT, "warm-up: on %.1f MB in %.1f s%n",
                        sizeOf(warmCorpus) / (double) MB, (System.nanoTime() - warm) / 1e9);
            }
            Result ours = null;
            Result theirs = null;
            if (withSeqtrain) {
                ours = seqtrain(spark, corpus, work.resolve("seqtrain"), seed, bytes);
                System.out.println(line(ours) + "   load " + String.format(Locale.ROOT, "%.2f", loadAverage()));
            }
            if (withSparkMl) {
                theirs = baseline(spark, corpus, work.resolve("sparkml"), seed, bytes);
                System.out.println(line(theirs) + "   load " + String.format(Locale.ROOT, "%.2f", loadAverage()));
            }
            if (ours != null && theirs != null) table(ours, theirs);
        } finally {
            spark.stop();
        }
    }

    static Result seqtrain(SparkSession spark, Path corpus, Path out, long seed, long bytes) {
        JobSpec spec = JobSpecLoader.parse("bench-prepare.yaml", spec(corpus, out, seed), List.of());
        try (HeapMeter heap = HeapMeter.start()) {
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            PreparedData prepared = new PrepareJob(spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()))
                    .run(spec);
            double s = (System.nanoTime() - t) / 1e9;
            return new Result("seqtrain prepare", s, (processCpuNanos() - cpu) / 1e9, bytes, prepared.trainRows() + prepared.validationRows(),
                    heap.peakUsed(), heap.peakAfterGc());
        }
    }

    static Result baseline(SparkSession spark, Path corpus, Path out, long seed, long bytes) {
        try (HeapMeter heap = HeapMeter.start()) {
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            long docs = new SparkMlPreparePipeline(spark).run(corpus.toUri() + "/*.tsv", out.toUri().toString(),
                    NUM_WORDS - 2, MAXLEN, seed);
            double s = (System.nanoTime() - t) / 1e9;
            return new Result("Spark ML pipeline", s, (processCpuNanos() - cpu) / 1e9, bytes, docs, heap.peakUsed(), heap.peakAfterGc());
        }
    }

    /** The job spec: TSV label<TAB>text without header, Keras num_words 10000 with an OOV token, maxlen 200. */
    static String spec(Path corpus, Path out, long seed) {
        return """
                name: bench-prepare
                data:
                  format: tsv
                  train: "%s/*.tsv"
                  header: false
                  label_column: "0"
                  text_column: "1"
                  validation_split: 0.2
                text:
                  num_words: %d
                  oov_token: "<OOV>"
                  maxlen: %d
                model:
                  layers:
                    - embedding: {output_dim: 32}
                    - lstm: {units: 32}
                    - dense: {units: 1, activation: sigmoid}
                  loss: binary_crossentropy
                training:
                  seed: %d
                output:
                  dir: "%s/model"
                  prepared_dir: "%s/prepared"
                  prepared_format: parquet
                  if_exists: overwrite
                """.formatted(corpus.toUri(), NUM_WORDS, MAXLEN, seed, out.toUri(), out.toUri());
    }

    private static String line(Result r) {
        return String.format(Locale.ROOT, "%-18s %8.1f s (CPU %6.1f s) %8.2f MB/s %10.0f docs/s  %,d docs  peak heap %d MB"
                        + " (after GC %d MB)", r.name(), r.seconds(), r.cpuSeconds(), r.mbPerSecond(), r.docsPerSecond(), r.documents(), r.peakUsed() / MB,
                r.peakAfterGc() / MB);
    }

    private static void table(Result ours, Result theirs) {
        System.out.println();
        System.out.println("| pipeline | seconds | CPU seconds | MB/s | docs/s | documents | peak heap used (MB) | peak heap after GC (MB) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : List.of(ours, theirs)) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %,.0f | %,d | %d | %d |%n", r.name(), r.seconds(),
                    r.cpuSeconds(), r.mbPerSecond(), r.docsPerSecond(), r.documents(), r.peakUsed() / MB, r.peakAfterGc() / MB);
        }
        System.out.printf(Locale.ROOT, "%nratio (seqtrain MB/s / Spark ML MB/s): %.2fx%n",
                ours.mbPerSecond() / theirs.mbPerSecond());
        System.out.printf(Locale.ROOT, "CPU ratio (Spark ML CPU seconds / seqtrain CPU seconds): %.2fx%n",
                theirs.cpuSeconds() / ours.cpuSeconds());
    }

    /** CPU time of this JVM, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
