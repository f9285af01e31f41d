package dev.seqtrain.prepare;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import dev.seqtrain.store.HadoopFiles;

import java.util.Locale;

/**
 * Document classification: documents → tokenize → count → vocabulary (driver: small) → label index → padded ids
 * ({@link SequenceIndexer}); statistics per document ({@link CorpusStats}) and a length histogram.
 */
final class ClassificationPreparation extends KindPreparation {
    private TextSpec text;
    private TextTokenizer tokenizer;
    private Dataset<Row> train;
    private Dataset<Row> validation;
    private boolean cached;
    private long distinctTokens;
    private long rejected;
    private CorpusStats trainStats;

    ClassificationPreparation(SparkSession spark, HadoopFiles files) {
        super(spark, files);
    }

    @Override
    void begin(JobSpec spec) {
        if (ModelPlan.taskOf(spec.model()) == Task.REGRESSION) {
            // labels would be indexed as classes and fed to a one-unit linear head
            throw new SpecException("model.loss: regression (a linear head with mse or mae) is trained on numeric "
                    + "input (model.input) only; text labels are classes: use a sigmoid or softmax head");
        }
        text = spec.text();
        tokenizer = TextTokenizer.of(text);
    }

    @Override
    CorpusSplits read(DataSpec data, JobSpec spec) {
        CorpusSplits splits = CorpusSplits.read(spark, data, spec.training().seed());
        // files are parsed on every pass (see CorpusReaders); only the generated demo corpus is worth a cache
        cached = splits.generated();
        train = cached ? splits.train().persist(StorageLevel.MEMORY_AND_DISK()) : splits.train();
        validation = cached ? splits.validation().persist(StorageLevel.MEMORY_AND_DISK()) : splits.validation();
        return splits;
    }

    @Override
    Indexed index(CorpusSplits splits, DataSpec data, JobSpec spec, String target) {
        CorpusSurvey survey = splits.survey();
        splits.handleRejections(survey, data, target, files);
        rejected = survey.rejected();
        if (survey.trainDocuments() == 0) {
            throw SeqtrainException.input("data.train " + describe(data) + ": the training corpus is empty");
        }
        LabelIndex labels = LabelIndex.of(survey.trainLabels().keySet(), "label");
        if (labels.size() < 2) {
            throw SeqtrainException.input("data.train " + describe(data) + ": needs at least 2 distinct labels, found "
                    + labels.labels());
        }
        checkValidationLabels(survey, validation, labels);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Integer limit = text.numWords() == null || text.numWords() == 0 ? null : text.numWords();
        DistributedTokenCounts.TokenCounts counted = DistributedTokenCounts.count(train, jsc.broadcast(tokenizer),
                text.minCount(), limit);
        Vocabulary vocabulary = Vocabulary.fromCounts(counted.kept(), text, survey.trainDocuments());
        distinctTokens = counted.distinct();
        Broadcast<TextEncoder> encoder = jsc.broadcast(TextEncoder.of(vocabulary));
        int maxlen = text.maxlen() != null ? text.maxlen() : SequenceIndexer.longest(train, encoder);
        SequenceIndexer indexer = new SequenceIndexer(encoder, jsc.broadcast(labels), maxlen, text.padding(),
                text.truncating(), text.value());
        return new Indexed(indexer.index(spark, train), indexer.index(spark, validation), vocabulary, labels, maxlen,
                0, null);
    }

    @Override
    Statistics statistics(Indexed indexed, Dataset<Row> trainOut, Dataset<Row> validationOut) {
        trainStats = CorpusStats.of(trainOut, distinctTokens, indexed.maxlen(), indexed.labels(), rejected);
        CorpusStats validationStats = CorpusStats.of(validationOut, distinctTokens, indexed.maxlen(), indexed.labels(),
                0);
        return Statistics.of(trainStats.toJson(JSON), validationStats.toJson(JSON), trainStats.describe("train")
                + "\n" + validationStats.describe("validation") + "\n", trainStats.documents(),
                validationStats.documents());
    }

    @Override
    void writeExtras(AtomicDirectory out, Dataset<Row> trainOut, Indexed indexed, JobSpec spec) {
        files.writeBytes(out.file("length_histogram.png"), LengthHistogram.png(trainOut, trainStats.maxLength(),
                indexed.maxlen(), spec.name() + ": training sequence lengths"));
    }

    @Override
    String summary(PreparedData p) {
        return String.format(Locale.ROOT, "vocabulary %,d ids (input_dim), maxlen %d, %d labels %s",
                p.vocabulary().inputDim(), p.maxlen(), p.labels().size(), p.labels().labels());
    }

    @Override
    void release() {
        if (cached) {
            train.unpersist();
            validation.unpersist();
        }
    }
}
