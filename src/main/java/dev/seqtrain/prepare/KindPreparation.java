package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * One task kind's steps in the prepare template ({@link PrepareJob}): which corpus is read, how its rows are
 * surveyed, fitted and indexed, and what statistics they get. The template does the rest (output checks, writing,
 * read-back, tokenizers, labels.json, prepared.json, provenance, commit). One instance prepares one job.
 */
abstract class KindPreparation {
    static final ObjectMapper JSON = new ObjectMapper();

    final SparkSession spark;
    final HadoopFiles files;

    KindPreparation(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    /** The steps of {@code kind}: the one place prepare dispatches on it. */
    static KindPreparation of(TaskKind kind, SparkSession spark, HadoopFiles files) {
        return switch (kind) {
            case TEXT_CLASSIFICATION -> new ClassificationPreparation(spark, files);
            case TAGGING -> new TaggingPreparation(spark, files);
            case NUMERIC -> new NumericPreparation(spark, files);
            case SEQ2SEQ -> new PairPreparation(spark, files);
        };
    }

    /** Reads the kind's settings from {@code spec}, rejecting unusable ones before any Spark work. */
    abstract void begin(JobSpec spec);

    /** The data section whose corpus is read. */
    DataSpec data(JobSpec spec) {
        return spec.data();
    }

    abstract CorpusSplits read(DataSpec data, JobSpec spec);

    /**
     * Surveys the splits (rejected rows handled, an empty or unusable corpus refused), fits the vocabulary and
     * labels on the training side and returns both sides' indexed rows; nothing is written to {@code target} yet.
     */
    abstract Indexed index(CorpusSplits splits, DataSpec data, JobSpec spec, String target);

    /** Statistics of the rows as written and read back. */
    abstract Statistics statistics(Indexed indexed, Dataset<Row> train, Dataset<Row> validation);

    /** Files beyond the template's; none by default. */
    void writeExtras(AtomicDirectory out, Dataset<Row> train, Indexed indexed, JobSpec spec) {
    }

    /** The closing log line. */
    abstract String summary(PreparedData prepared);

    /** Releases what {@link #index} cached; called after the rows are written. */
    void release() {
    }

    /**
     * The indexed rows and what the prepared directory records of them.
     *
     * @param vocabulary null for numeric input (no tokenizer.json)
     * @param target     pairs only: the target tokenizer and sequences; null otherwise
     */
    record Indexed(Dataset<Row> train, Dataset<Row> validation, Vocabulary vocabulary, LabelIndex labels, int maxlen,
                   int features, PreparedData.Target target) {
    }

    /**
     * stats.json ({@code train}, {@code validation}), the readable stats.txt (null: none is written) and the row
     * counts prepared.json records.
     */
    record Statistics(ObjectNode json, String text, long trainRows, long validationRows) {
        static Statistics of(ObjectNode train, ObjectNode validation, String text, long trainRows,
                             long validationRows) {
            ObjectNode n = JSON.createObjectNode();
            n.set("train", train);
            n.set("validation", validation);
            return new Statistics(n, text, trainRows, validationRows);
        }
    }

    /** How messages name the training corpus. */
    static String describe(DataSpec data) {
        return data.isDemo() ? "(demo corpus)" : String.join(", ", data.train());
    }

    /** The survey says whether validation has a label training lacks; only then is a row looked up to name it. */
    static void checkValidationLabels(CorpusSurvey survey, Dataset<Row> validation, LabelIndex labels) {
        if (labels.labels().containsAll(survey.validationLabels().keySet())) return;
        List<Row> unknown = validation.filter(col("label").isin(labels.labels().toArray()).unary_$bang())
                .select("id", "label").limit(1).collectAsList();
        if (!unknown.isEmpty()) {
            Row r = unknown.get(0);
            throw SeqtrainException.input("data.validation " + r.getString(0) + ": label '" + r.getString(1)
                    + "' does not occur in the training data " + labels.labels());
        }
    }
}
