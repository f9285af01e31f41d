package dev.seqtrain.infer;

import dev.seqtrain.corpus.Corpus;
import dev.seqtrain.corpus.CorpusReaders;
import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.corpus.RejectedRows;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.prepare.DemoCorpusSource;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.train.BatchBuilder;
import dev.seqtrain.train.NumericBatchBuilder;
import dev.seqtrain.train.RowBatcher;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Scores raw text with a saved model directory, on executors: the input (data.format, labels optional) is tokenized
 * and padded with the model's own tokenizer and settings (numeric sequences are checked against the model's
 * {@code model.input}), the network goes out once as a broadcast and is restored once per task slot
 * ({@link BroadcastModel}), and each partition is scored in batches ({@link PartitionScorer}). The output directory
 * (Parquet or CSV: id, predicted_label, class probabilities; id, prediction for a regression) appears atomically.
 */
public final class PredictJob {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    /** Rows per forward pass: inference keeps no activations for backprop, so batches can be larger than training's. */
    static final int BATCH_SIZE = 256;

    private final SparkSession spark;
    private final HadoopFiles files;

    public PredictJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    /** {@code skipped}: the output was complete and output.if_exists is skip; nothing was scored. */
    public record Outcome(String output, long predicted, long rejected, boolean skipped) {
    }

    /**
     * @param input  the paths to score in data.format (empty for the demo corpus)
     * @param output the predictions directory, written atomically under output.if_exists
     */
    public Outcome run(JobSpec spec, List<String> input, String output, PredictionFormat format) {
        long t0 = System.nanoTime();
        String modelDir = spec.output().dir();
        if (files.qualify(output).equals(files.qualify(modelDir))) {
            throw new SpecException("--output " + output + " is the model directory (output.dir): write predictions elsewhere");
        }
        LoadedModel model = LoadedModel.load(files, modelDir);
        if ("tag".equals(model.labels().kind())) {
            throw new dev.seqtrain.errors.SeqtrainException(dev.seqtrain.errors.ExitCode.NOT_BUILT, modelDir
                    + " is a tagger: predict does not tag CoNLL input yet; use 'seqtrain evaluate' to score tagged data");
        }
        String ifExists = spec.output().ifExists();
        if (AtomicDirectory.check(files, output, ifExists) == AtomicDirectory.Existing.SKIP) {
            LOG.info("predict: {} is complete and output.if_exists is skip: nothing to do", output);
            return new Outcome(output, 0, 0, true);
        }
        TextSpec text = model.trainedWith().text();
        LabelIndex labels = model.labels();
        ModelPlan plan = model.plan();
        boolean regression = plan.task() == Task.REGRESSION && model.numeric();
        if (plan.task() != Task.BINARY && plan.task() != Task.MULTICLASS && !regression) {
            throw new SeqtrainException(ExitCode.NOT_BUILT, modelDir + ": predict scores document classifiers (a sigmoid"
                    + " or softmax head) and numeric regressions; this model's task is "
                    + plan.task().name().toLowerCase(Locale.ROOT));
        }
        // labels are not needed, nor checked, in predict input
        NumericShape shape = model.numeric() ? model.numericShape().withNumericLabel(false) : null;

        Input in = read(spec.data(), input, shape);
        try {
            long good = in.rows.count();
            long bad = RejectedRows.handle(in.rejected, good, spec.data().maxRejectedFraction(),
                    output.replaceAll("/+$", "") + ".rejected", files, "predict");
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<TextEncoder> encoder = model.numeric() ? null : jsc.broadcast(TextEncoder.of(model.vocabulary()));
            BroadcastModel network = BroadcastModel.of(jsc, model.network());
            PredictionRows rows = regression ? PredictionRows.targets()
                    : PredictionRows.classes(labels.labels(), plan.task() == Task.BINARY);
            RowBatcher builder = model.numeric()
                    ? new NumericBatchBuilder(BATCH_SIZE, shape.timesteps(), shape.features(), plan.task(), labels.size())
                    : new BatchBuilder(BATCH_SIZE, labels.size(), plan.task() == Task.BINARY, plan.masked(),
                            "pre".equals(text.padding()));
            PartitionScorer scorer = new PartitionScorer(network, builder, rows, BATCH_SIZE);
            // the input at 0 and a placeholder label at 1, as the batch builders read them; the row id rides along at 2
            Dataset<Row> prepared = model.numeric() ? in.rows : model.indexer(encoder, null).index(spark, in.rows);
            JavaRDD<Row> scored = prepared.select(col(builder.inputColumn()), lit(0), col("id"))
                    .javaRDD().mapPartitions(scorer::score);
            Dataset<Row> predictions = spark.createDataFrame(scored, rows.schema());
            try {
                write(predictions, regression ? null : labels, output, ifExists, format);
            } finally {
                network.destroy();
                if (encoder != null) encoder.destroy();
            }
            LOG.info(String.format(Locale.ROOT, "predict: %,d rows scored with %s (%,d rejected); wrote %s (%s) in %.1f s",
                    good, modelDir, bad, output, format.id(), (System.nanoTime() - t0) / 1e9));
            return new Outcome(output, good, bad, false);
        } finally {
            in.unpersist();
        }
    }

    /** Rows {@code id, ord, text, label} (label may be null) and the rows that could not be read (none for demo). */
    private record Input(Dataset<Row> rows, Dataset<Row> rejected) {
        void unpersist() {
            rows.unpersist();
            if (rejected != null) rejected.unpersist();
        }
    }

    /** {@code numeric}: null for text. */
    private Input read(DataSpec data, List<String> paths, NumericShape numeric) {
        if (data.isDemo()) return new Input(DemoCorpusSource.read(spark, data.demo(), numeric), null);
        Corpus c = CorpusReaders.read(spark, data, paths, false, numeric);
        if (c.tagging()) {
            c.unpersist();
            throw new SpecException("data.format: " + data.format() + " holds token sequences; predict scores whole"
                    + " documents (text-tree, tsv, csv, jsonl, parquet)");
        }
        return new Input(c.rows(), c.rejected());
    }

    /**
     * Spark writes the part files into the temporary sibling; the commit renames it into place. {@code labels}: null
     * for a regression's (id, prediction), which CSV takes as they are.
     */
    private void write(Dataset<Row> predictions, LabelIndex labels, String output, String ifExists,
                       PredictionFormat format) {
        AtomicDirectory out = AtomicDirectory.begin(files, output, ifExists);
        try {
            if (format == PredictionFormat.CSV) {
                Dataset<Row> flat = labels == null ? predictions : wide(predictions, labels);
                flat.write().option("header", "true").csv(out.path().toString());
            } else {
                predictions.write().parquet(out.path().toString());
            }
            out.commit();
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** CSV has no arrays: one column {@code p_<label>} per class, in labels.json order. */
    private static Dataset<Row> wide(Dataset<Row> predictions, LabelIndex labels) {
        List<Column> cols = new ArrayList<>(List.of(col("id"), col("predicted_label")));
        for (int i = 0; i < labels.size(); i++) {
            cols.add(col("probability").getItem(i).as("p_" + labels.label(i)));
        }
        return predictions.select(cols.toArray(new Column[0]));
    }

}
