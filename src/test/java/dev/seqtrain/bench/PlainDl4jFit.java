package dev.seqtrain.bench;

import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.batch.RowBatchers;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.metrics.Evaluator;
import dev.seqtrain.metrics.KerasLoss;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.spark.SparkSessions;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.train.PreparedBatches;
import dev.seqtrain.train.TrainJob;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The baseline of {@code submit-scripts/bench-scaling.sh}: the job's network as seqtrain builds it
 * ({@link TrainJob#plan}, {@link ModelPlan#newNetwork}), fitted with plain {@code MultiLayerNetwork.fit} in this JVM
 * (run it with {@code OMP_NUM_THREADS=1}) on the same prepared data, in the same batches of
 * {@code batch_size_per_worker}, reshuffled every epoch as seqtrain does ({@link PreparedBatches#shuffled}). Spark
 * (local[1]) only reads the prepared rows; the batches are built before the clock starts, so {@code fit_seconds}
 * times the fit alone. Validation (not timed) as seqtrain's.
 * <pre>PlainDl4jFit JOB.yaml PREPARED_DIR EPOCHS [--set key=value ...]</pre>
 * Prints one line per epoch: {@code plain-dl4j epoch E fit_seconds S val_accuracy A}.
 */
public final class PlainDl4jFit {
    private PlainDl4jFit() {
    }

    public static void main(String[] args) throws Exception {
        Path job = Path.of(args[0]);
        String preparedDir = args[1];
        int epochs = Integer.parseInt(args[2]);
        List<String> overrides = new java.util.ArrayList<>();
        for (int i = 3; i + 1 < args.length; i += 2) overrides.add(args[i + 1]);
        System.setProperty("spark.master", System.getProperty("spark.master", "local[1]"));
        System.setProperty("spark.ui.enabled", "false");
        SparkSession spark = SparkSessions.getOrCreate("seqtrain-bench-plain-dl4j");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JobSpec spec = JobSpecLoader.parse(job.toString(), Files.readString(job), overrides);
        PreparedData prepared = PreparedData.load(new HadoopFiles(spark.sparkContext().hadoopConfiguration()), preparedDir);
        ModelPlan plan = TrainJob.plan(spec, prepared);
        long seed = spec.training().seed();
        MultiLayerNetwork net = plan.newNetwork(seed);
        int classes = prepared.labels().size();
        RowBatcher batcher = RowBatchers.of(plan, classes, spec);
        PreparedBatches train = PreparedBatches.train(spark, prepared, batcher, 1);
        PreparedBatches validation = PreparedBatches.validation(spark, prepared,
                RowBatchers.of(plan, classes, spec, spec.evaluation().batchSize()), 1);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<DataSet> batches = train.shuffled(seed, epoch).collect();
            long t0 = System.nanoTime();
            for (DataSet b : batches) net.fit(b);
            double fit = (System.nanoTime() - t0) / 1e9;
            double accuracy = Evaluator.evaluate(jsc, net, validation.inOrder(), plan.task(), KerasLoss.of(plan.loss()))
                    .metrics().getOrDefault("accuracy", Double.NaN);
            System.out.printf(Locale.ROOT, "plain-dl4j epoch %d fit_seconds %.2f val_accuracy %.4f batches %d%n",
                    epoch, fit, accuracy, batches.size());
        }
        spark.stop();
    }
}
