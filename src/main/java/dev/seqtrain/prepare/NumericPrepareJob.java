package dev.seqtrain.prepare;

import dev.seqtrain.job.OutputSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepare stage for numeric sequences ({@code model.input}): rows of {@code timesteps x features} numbers (rows
 * of another length or with a cell that is not a finite number are rejected, with the file, line and reason) →
 * {@code (id, features, length, label)} → prepared directory. The label is a class ({@code labels.json} as for text)
 * or, when the model is a regression (its head and loss say so), a float target ({@code labels.json} of kind
 * {@value NumericRows#TARGET}). There is no tokenizer.json.
 */
public final class NumericPrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(NumericPrepareJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final HadoopFiles files;

    public NumericPrepareJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    /** True for a numeric model: {@code model.input} instead of an embedding. */
    public static boolean handles(JobSpec spec) {
        return spec.model().input() != null;
    }

    /** The shape every row must have, and whether labels are regression targets (from the model's head and loss). */
    public static NumericShape shape(ModelSpec model) {
        ModelSpec.InputSpec in = model.input();
        if (in.timesteps() == null) {
            // the CLI says so before Spark starts (JobSpecValidator.requireTrainingData)
            throw new SpecException("model.input.timesteps: required to prepare numeric data");
        }
        return new NumericShape(in.timesteps(), in.features(), ModelPlan.taskOf(model) == Task.REGRESSION);
    }

    public PreparedData run(JobSpec spec) {
        long t0 = System.nanoTime();
        Provenance provenance = Provenance.start("prepare", spec).corpus(files, spec.data());
        String target = spec.output().resolvedPreparedDir();
        DataSpec data = spec.data();
        NumericShape shape = shape(spec.model());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        CorpusSplits splits = CorpusSplits.read(spark, data, spec.training().seed(), shape);
        Dataset<Row> train = splits.train();
        Dataset<Row> validation = splits.validation();
        try {
            CorpusSurvey survey = shape.numericLabel() ? splits.surveyWithoutLabels() : splits.survey();
            long trainRows = survey.trainDocuments();
            long validationRows = survey.validationDocuments();
            splits.handleRejections(survey, data, target, files);
            if (trainRows == 0) {
                throw SeqtrainException.input("data.train " + PrepareJob.describe(data) + ": no usable rows");
            }
            LabelIndex labels;
            if (shape.numericLabel()) {
                labels = NumericRows.targetIndex();
            } else {
                labels = LabelIndex.of(survey.trainLabels().keySet(), "label");
                if (labels.size() < 2) {
                    throw SeqtrainException.input("data.train " + PrepareJob.describe(data) + ": needs at least 2 "
                            + "distinct labels, found " + labels.labels() + " (a regression model needs a linear "
                            + "head with loss mse or mae)");
                }
                PrepareJob.checkValidationLabels(survey, validation, labels, data);
            }
            var lab = jsc.broadcast(labels);
            AtomicDirectory out = AtomicDirectory.begin(files, target, spec.output().ifExists(), OutputKind.PREPARED);
            OutputSpec.PreparedFormat format = spec.output().preparedFormat();
            PreparedFormat.write(NumericRows.prepare(spark, train, lab, shape.timesteps()), out.file("train").toString(), format);
            PreparedFormat.write(NumericRows.prepare(spark, validation, lab, shape.timesteps()),
                    out.file("validation").toString(), format);

            PreparedData prepared = new PreparedData(files.qualify(target), format, shape.timesteps(), trainRows,
                    validationRows, null, labels, shape.features());
            NumericCorpusStats trainStats = NumericCorpusStats.of(prepared.read(spark, out.file("train").toString()),
                    shape.timesteps(), shape.features(), labels, survey.rejected());
            NumericCorpusStats validationStats = NumericCorpusStats.of(
                    prepared.read(spark, out.file("validation").toString()), shape.timesteps(), shape.features(),
                    labels, 0);
            ObjectNode stats = JSON.createObjectNode();
            stats.set("train", trainStats.toJson(JSON));
            stats.set("validation", validationStats.toJson(JSON));
            files.writeString(out.file(PreparedData.LABELS), labels.toJson());
            files.writeString(out.file(PreparedData.STATS), stats.toPrettyString() + "\n");
            files.writeString(out.file("stats.txt"), trainStats.describe("train") + "\n"
                    + validationStats.describe("validation") + "\n");
            files.writeString(out.file(PreparedData.MANIFEST), prepared.manifestJson());
            provenance.writePrepared(files, out.path());
            out.commit();
            lab.destroy();
            LOG.info("prepare: {}", trainStats.describe("train"));
            LOG.info("prepare: {}", validationStats.describe("validation"));
            LOG.info(String.format("prepare: numeric sequences (%s), %s; wrote %s in %.1f s", shape.describe(),
                    shape.numericLabel() ? "regression target" : labels.size() + " labels " + labels.labels(), target,
                    (System.nanoTime() - t0) / 1e9));
            return prepared;
        } finally {
            splits.release();
        }
    }
}
