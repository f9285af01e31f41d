package dev.seqtrain.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.corpus.CorpusReaders;
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
import dev.seqtrain.text.Vocabulary;
import dev.seqtrain.prepare.TaggedSequenceIndexer;
import dev.seqtrain.train.RowBatcher;
import dev.seqtrain.train.RowBatchers;
import dev.seqtrain.train.ClassificationReport;
import dev.seqtrain.train.ConfusionMatrixTable;
import dev.seqtrain.train.Evaluator;
import dev.seqtrain.train.SparkTrainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Scores a labelled corpus with a saved model directory, on executors: the corpus is tokenized and padded with the
 * model's own tokenizer and settings, then DL4J's distributed evaluation runs over it.
 */
public final class EvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final HadoopFiles files;

    public EvaluateJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    public record Outcome(String reportDir, Map<String, Double> metrics, long examples) {
    }

    /** Evaluates on {@code paths} (data.format of the current spec), or on the demo corpus for format demo. */
    public Outcome run(JobSpec spec, List<String> paths, String reportDir) {
        LoadedModel model = LoadedModel.load(files, spec.output().dir());
        TextSpec text = model.trainedWith().text();
        Dataset<Row> corpus = read(spec.data(), paths);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Vocabulary vocab = model.vocabulary();
        Broadcast<TextEncoder> encoder = jsc.broadcast(TextEncoder.of(vocab));
        Broadcast<LabelIndex> labels = jsc.broadcast(model.labels());
        int maxlen = text.maxlen();  // fixed in job.yaml by training
        // a tag model scores sentences token by token; a tag it never saw is not scored (see TaggedSequenceIndexer)
        boolean tagging = "tag".equals(model.labels().kind());
        Dataset<Row> indexed = (tagging
                ? new TaggedSequenceIndexer(encoder, labels, maxlen, text.padding(), text.truncating(), text.value())
                        .index(spark, corpus)
                : model.indexer(encoder, labels).index(spark, corpus)).cache();
        List<Row> unknown = tagging ? List.of()
                : indexed.filter(col("label").lt(0)).select("id").limit(1).collectAsList();
        if (!unknown.isEmpty()) {
            throw dev.seqtrain.errors.SeqtrainException.input(unknown.get(0).getString(0)
                    + ": label missing or not one of the model's labels " + model.labels().labels());
        }
        long n = indexed.count();
        // the plan the model was trained with says how batches look (head, masks)
        ModelPlan plan = model.plan();
        Task task = plan.task();
        int batch = model.trainedWith().training().batchSizePerWorker();
        RowBatcher builder = RowBatchers.of(plan, model.labels().size(), model.trainedWith());
        JavaRDD<DataSet> batches = indexed.select("ids", builder.labelColumn()).javaRDD().mapPartitions(builder::batches);
        SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(jsc, model.network(),
                new SparkTrainer(jsc, model.trainedWith().training()).trainingMaster());
        List<ClassificationReport> classes = new ArrayList<>(1);
        Map<String, Double> metrics = Evaluator.evaluate(net, batches, task, batch,
                e -> classes.add(Evaluator.report(e, model.labels().labels())));
        indexed.unpersist();

        AtomicDirectory out = AtomicDirectory.begin(files, reportDir, "overwrite");
        ObjectNode m = JSON.createObjectNode();
        metrics.forEach(m::put);
        m.put("examples", n);
        m.put("model", model.dir());
        m.put("data", String.join(",", paths.isEmpty() ? List.of("(demo corpus)") : paths));
        classes.forEach(c -> c.writeTo(m));
        files.writeString(out.file("metrics.json"), m.toPrettyString() + "\n");
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "evaluation of %s on %,d examples%n", model.dir(), n));
        metrics.forEach((k, v) -> report.append(String.format(Locale.ROOT, "  %-10s %.4f%n", k, v)));
        // rows = true label, columns = predicted (for a tagger: tokens)
        classes.forEach(c -> report.append('\n').append(ConfusionMatrixTable.format(c)));
        files.writeString(out.file("report.txt"), report.toString());
        out.commit();
        LOG.info(report.toString().trim());
        return new Outcome(reportDir, metrics, n);
    }

    private Dataset<Row> read(DataSpec data, List<String> paths) {
        if (data.isDemo()) return DemoCorpusSource.read(spark, data.demo());
        return CorpusReaders.read(spark, data, paths).rows();
    }
}
