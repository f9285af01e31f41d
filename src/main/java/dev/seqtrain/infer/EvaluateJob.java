package dev.seqtrain.infer;

import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.job.IfExists;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.corpus.Corpus;
import dev.seqtrain.corpus.CorpusReaders;
import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.spark.SparkJob;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.metrics.ClassificationReport;
import dev.seqtrain.metrics.ConfusionMatrixTable;
import dev.seqtrain.metrics.Evaluator;
import dev.seqtrain.metrics.KerasLoss;
import dev.seqtrain.metrics.OnePassEvaluation;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.prepare.DemoCorpusSource;
import dev.seqtrain.prepare.NumericRows;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.prepare.TaggedSequenceIndexer;
import dev.seqtrain.batch.RowBatcher;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.seqtrain.batch.PreparedColumns.ID;
import static dev.seqtrain.batch.PreparedColumns.LABEL;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev_pop;

/**
 * Scores a labelled corpus with a saved model directory, on executors: the corpus is tokenized and padded with the
 * model's own tokenizer and settings (numeric sequences are checked against the model's {@code model.input}), then
 * the one-pass evaluation ({@link Evaluator}) scores it, the same code as validation during training. Rows that
 * cannot be read go to {@code <report>.rejected} as in prepare.
 */
public final class EvaluateJob extends SparkJob {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    private static final ObjectMapper JSON = new ObjectMapper();

    public EvaluateJob(SparkSession spark, HadoopFiles files) {
        super("evaluate", spark, files);
    }

    /** {@code skipped}: the report was complete and output.if_exists is skip; nothing was scored. */
    public record Outcome(String reportDir, Map<String, Double> metrics, long examples, boolean skipped) {
    }

    /** Evaluates on {@code paths} (data.format of the current spec), or on the demo corpus for format demo. */
    public Outcome run(JobSpec spec, List<String> paths, String reportDir) {
        return run(spec, paths, reportDir, PredictJob.Decoding.GREEDY);
    }

    /** The same; an encoder-decoder decodes as {@code decoding} says (greedy or beam search). */
    public Outcome run(JobSpec spec, List<String> paths, String reportDir, PredictJob.Decoding decoding) {
        IfExists ifExists = spec.output().ifExists();
        if (completeAndSkipped(reportDir, ifExists, OutputKind.REPORT, "nothing to do")) {
            return new Outcome(reportDir, Map.of(), 0, true);
        }
        LoadedModel model = LoadedModel.load(files, spec.output());
        Provenance provenance = Provenance.start(stage, spec).model(files, model.dir()).inputs(files, paths);
        return switch (model.kind()) {
            case SEQ2SEQ -> runPairs(spec, model, paths, reportDir, provenance, decoding);
            case TEXT_CLASSIFICATION, TAGGING, NUMERIC -> runLabelled(spec, model, paths, reportDir, provenance);
        };
    }

    /** A classifier, tagger or numeric model on labelled documents, sentences or sequences. */
    private Outcome runLabelled(JobSpec spec, LoadedModel model, List<String> paths, String reportDir,
                                Provenance provenance) {
        IfExists ifExists = spec.output().ifExists();
        NumericShape shape = model.kind() == TaskKind.NUMERIC ? model.numericShape() : null;
        Corpus corpus = spec.data().isDemo() ? null : CorpusReaders.read(spark, spec.data(), paths, true, shape);
        Dataset<Row> rows = corpus == null ? DemoCorpusSource.read(spark, spec.data().demo(), shape) : corpus.rows();
        JavaSparkContext jsc = jsc();
        Broadcast<LabelIndex> labels = jsc.broadcast(model.labels());
        Dataset<Row> indexed = index(model, rows, labels, jsc, shape).cache();
        try {
            // tags a tagger never saw are not scored (see TaggedSequenceIndexer); a regression has no classes
            boolean classes = switch (model.kind()) {
                case TEXT_CLASSIFICATION -> true;
                case NUMERIC -> !model.labels().regressionTargets();
                case TAGGING, SEQ2SEQ -> false;
            };
            List<Row> unknown = classes ? indexed.filter(col(LABEL).lt(0)).select(ID).limit(1).collectAsList()
                    : List.of();
            if (!unknown.isEmpty()) {
                throw dev.seqtrain.errors.SeqtrainException.input(unknown.get(0).getString(0)
                        + ": label missing or not one of the model's labels " + model.labels().labels());
            }
            long n = indexed.count();
            if (corpus != null) {
                handleRejected(corpus.rejected(), n, spec.data(), reportDir);
            }
            // the plan the model was trained with says how batches look (head, masks, numeric input)
            ModelPlan plan = model.plan();
            Task task = plan.task();
            RowBatcher builder = Evaluator.batcher(model.kind(), plan, model.labels().size(), model.trainedWith(),
                    spec.evaluation().batchSize());
            JavaRDD<DataSet> batches = indexed.select(builder.inputColumn(), builder.labelColumn()).javaRDD()
                    .mapPartitions(builder::batches);
            OnePassEvaluation evaluation = Evaluator.evaluate(jsc, model.network(), batches, task,
                    KerasLoss.of(plan.loss()));
            List<ClassificationReport> classReports = evaluation.report(model.labels().labels()).stream().toList();
            Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
            if (task == Task.REGRESSION) {
                // what the errors compare with: predicting the mean would give mse = target_std^2
                Row t = indexed.agg(avg(LABEL), stddev_pop(LABEL)).first();
                metrics.put("target_mean", t.getDouble(0));
                metrics.put("target_std", t.getDouble(1));
            }
            writeReport(reportDir, ifExists, model, task, metrics, classReports, n, paths, provenance);
            return new Outcome(reportDir, metrics, n, false);
        } finally {
            indexed.unpersist();
            labels.destroy();
            if (corpus != null) corpus.unpersist();
        }
    }

    /**
     * An encoder-decoder on labelled pairs: loss and token accuracy under teacher forcing (the validation of
     * training), then greedy or beam decoding scored by exact match, token error rate and BLEU
     * ({@link DecodedScores}). Pairs that cannot be scored (an empty side, a target longer than the model's
     * text.target.maxlen) are rejected rows.
     */
    private Outcome runPairs(JobSpec spec, LoadedModel model, List<String> paths, String reportDir,
                             Provenance provenance, PredictJob.Decoding decoding) {
        Corpus corpus = spec.data().isDemo() ? null
                : CorpusReaders.read(spark, spec.data().pairColumns(), paths, true, null);
        Dataset<Row> rows = corpus == null ? DemoCorpusSource.heldOutPairs(spark, spec.data().demo()) : corpus.rows();
        JavaSparkContext jsc = jsc();
        TextSpec sourceText = model.trainedWith().text().resolvedSource();
        dev.seqtrain.prepare.PairIndexer indexer = new dev.seqtrain.prepare.PairIndexer(
                jsc.broadcast(TextEncoder.of(model.vocabulary())), jsc.broadcast(TextEncoder.of(model.targetVocabulary())),
                model.targetSequences(), sourceText, sourceText.maxlen());
        Dataset<dev.seqtrain.prepare.PairSequence> all = indexer.index(rows).cache();
        Dataset<Row> indexed = dev.seqtrain.prepare.PairIndexer.good(all);
        BroadcastModel network = BroadcastModel.of(jsc, model.network());
        try {
            long n = indexed.count();
            Dataset<Row> rejectedPairs = dev.seqtrain.prepare.PairIndexer.rejected(all);
            long bad = rejectedPairs.count();
            Dataset<Row> rejected = corpus == null ? rejectedPairs
                    : dev.seqtrain.corpus.PairRejections.named(corpus.rejected(), spec.data()).union(rejectedPairs);
            handleRejected(rejected, (corpus == null ? 0 : corpus.rejected().count()) + bad, n, spec.data(), reportDir);
            ModelPlan plan = model.plan();
            RowBatcher builder = Evaluator.batcher(model.kind(), plan, 0, model.trainedWith(),
                    spec.evaluation().batchSize());
            JavaRDD<DataSet> batches = indexed.select(builder.inputColumn(), builder.labelColumn()).javaRDD()
                    .mapPartitions(builder::batches);
            OnePassEvaluation teacherForced = Evaluator.evaluate(jsc, model.network(), batches, plan.task(),
                    KerasLoss.of(plan.loss()));
            Map<String, Double> metrics = new LinkedHashMap<>(teacherForced.metrics());
            DecodedScores.of(indexed.select(PreparedColumns.IDS, PreparedColumns.DECODER_OUTPUT).javaRDD(), network,
                    model.targetSequences(), decoding).writeTo(metrics);
            metrics.put("beam_width", (double) decoding.beamWidth());
            if (decoding.beamWidth() > 1) metrics.put("length_penalty", decoding.lengthPenalty());
            writeReport(reportDir, spec.output().ifExists(), model, plan.task(), metrics, List.of(), n, paths,
                    provenance);
            return new Outcome(reportDir, metrics, n, false);
        } finally {
            network.destroy();
            all.unpersist();
            if (corpus != null) corpus.unpersist();
        }
    }

    /**
     * The corpus as prepared rows of the model's kind: text → padded ids with the model's tokenizer (CoNLL sentences
     * token by token for a tagger); numeric sequences checked against {@code shape}.
     */
    private Dataset<Row> index(LoadedModel model, Dataset<Row> corpus, Broadcast<LabelIndex> labels,
                               JavaSparkContext jsc, NumericShape shape) {
        TextSpec text = model.trainedWith().text();  // maxlen fixed in job.yaml by training
        return switch (model.kind()) {
            case NUMERIC -> NumericRows.prepare(spark, corpus, labels, shape.timesteps());
            case TAGGING -> new TaggedSequenceIndexer(jsc.broadcast(TextEncoder.of(model.vocabulary())), labels,
                    text.maxlen(), text.padding(), text.truncating(), text.value()).index(spark, corpus);
            case TEXT_CLASSIFICATION -> model.indexer(jsc.broadcast(TextEncoder.of(model.vocabulary())), labels)
                    .index(spark, corpus);
            case SEQ2SEQ -> throw new IllegalStateException("pairs are indexed by runPairs");
        };
    }

    private void writeReport(String reportDir, IfExists ifExists, LoadedModel model, Task task, Map<String, Double> metrics,
                             List<ClassificationReport> classes, long n, List<String> paths, Provenance provenance) {
        AtomicDirectory out = AtomicDirectory.begin(files, reportDir, ifExists, OutputKind.REPORT);
        ObjectNode m = JSON.createObjectNode();
        metrics.forEach(m::put);
        m.put("examples", n);
        m.put("task", task.name().toLowerCase(Locale.ROOT));
        m.put("model", model.dir());
        m.put("data", String.join(",", paths.isEmpty() ? List.of("(demo corpus)") : paths));
        m.put("model_sha256", Provenance.modelSha256(files, model.dir()));
        classes.forEach(c -> c.writeTo(m));
        files.writeString(out.file("metrics.json"), m.toPrettyString() + "\n");
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "evaluation of %s (%s) on %,d examples%n",
                model.dir(), task.name().toLowerCase(Locale.ROOT), n));
        metrics.forEach((k, v) -> report.append(String.format(Locale.ROOT, "  %-11s %.4f%n", k, v)));
        // rows = true label, columns = predicted (for a tagger: tokens)
        classes.forEach(c -> report.append('\n').append(ConfusionMatrixTable.format(c)));
        files.writeString(out.file("report.txt"), report.toString());
        provenance.writeInto(files, out.path());
        out.commit();
        LOG.info(report.toString().trim());
    }
}
