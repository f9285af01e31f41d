package dev.seqtrain.prepare;

import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;

/**
 * Numeric sequences ({@code model.input}): rows of {@code timesteps x features} numbers checked against the model's
 * shape ({@link NumericRows}), a class index or, for a regression head, the float target; no tokenizer. Statistics
 * per feature and of the labels or target ({@link NumericCorpusStats}).
 */
final class NumericPreparation extends KindPreparation {
    private NumericShape shape;
    private Broadcast<LabelIndex> broadcastLabels;
    private long rejected;
    private long trainRows;
    private long validationRows;

    NumericPreparation(SparkSession spark, HadoopFiles files) {
        super(spark, files);
    }

    /** The shape every row must have, and whether labels are regression targets (from the model's head and loss). */
    static NumericShape shape(ModelSpec model) {
        ModelSpec.InputSpec in = model.input();
        if (in.timesteps() == null) {
            // the CLI says so before Spark starts (JobSpecValidator.requireTrainingData)
            throw new SpecException("model.input.timesteps: required to prepare numeric data");
        }
        return new NumericShape(in.timesteps(), in.features(), ModelPlan.taskOf(model) == Task.REGRESSION);
    }

    @Override
    void begin(JobSpec spec) {
        shape = shape(spec.model());
    }

    @Override
    CorpusSplits read(DataSpec data, JobSpec spec) {
        return CorpusSplits.read(spark, data, spec.training().seed(), shape);
    }

    @Override
    Indexed index(CorpusSplits splits, DataSpec data, JobSpec spec, String target) {
        CorpusSurvey survey = shape.numericLabel() ? splits.surveyWithoutLabels() : splits.survey();
        trainRows = survey.trainDocuments();
        validationRows = survey.validationDocuments();
        rejected = survey.rejected();
        splits.handleRejections(survey, data, target, files);
        if (trainRows == 0) {
            throw SeqtrainException.input("data.train " + describe(data) + ": no usable rows");
        }
        LabelIndex labels;
        if (shape.numericLabel()) {
            labels = NumericRows.targetIndex();
        } else {
            labels = LabelIndex.of(survey.trainLabels().keySet(), "label");
            if (labels.size() < 2) {
                throw SeqtrainException.input("data.train " + describe(data) + ": needs at least 2 "
                        + "distinct labels, found " + labels.labels() + " (a regression model needs a linear "
                        + "head with loss mse or mae)");
            }
            checkValidationLabels(survey, splits.validation(), labels);
        }
        broadcastLabels = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(labels);
        return new Indexed(NumericRows.prepare(spark, splits.train(), broadcastLabels, shape.timesteps()),
                NumericRows.prepare(spark, splits.validation(), broadcastLabels, shape.timesteps()), null, labels,
                shape.timesteps(), shape.features(), null);
    }

    @Override
    Statistics statistics(Indexed indexed, Dataset<Row> trainOut, Dataset<Row> validationOut) {
        NumericCorpusStats trainStats = NumericCorpusStats.of(trainOut, shape.timesteps(), shape.features(),
                indexed.labels(), rejected);
        NumericCorpusStats validationStats = NumericCorpusStats.of(validationOut, shape.timesteps(),
                shape.features(), indexed.labels(), 0);
        return Statistics.of(trainStats.toJson(JSON), validationStats.toJson(JSON), trainStats.describe("train")
                + "\n" + validationStats.describe("validation") + "\n", trainRows, validationRows);
    }

    @Override
    String summary(PreparedData p) {
        return String.format(Locale.ROOT, "numeric sequences (%s), %s", shape.describe(),
                shape.numericLabel() ? "regression target" : p.labels().size() + " labels " + p.labels().labels());
    }

    @Override
    void release() {
        if (broadcastLabels != null) broadcastLabels.destroy();
    }
}
