package dev.seqtrain.prepare;

import dev.seqtrain.job.OutputSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.TokenCount;
import dev.seqtrain.text.TokenizerJson;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The prepare stage: corpus → tokenize → count → vocabulary (driver: small) → index + pad → prepared directory.
 * Everything that touches documents runs on executors; the driver sees only reduced counts and labels.
 */
public final class PrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final HadoopFiles files;

    public PrepareJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    public PreparedData run(JobSpec spec) {
        String target = spec.output().resolvedPreparedDir();
        // decided before any data is read; a path holding something else than prepared data is never replaced
        if (AtomicDirectory.check(files, target, spec.output().ifExists(), OutputKind.PREPARED)
                == AtomicDirectory.Existing.SKIP) {
            LOG.info("prepare: {} is complete and output.if_exists is skip: reusing it", target);
            return PreparedData.load(files, target);
        }
        if (Seq2SeqPrepareJob.handles(spec)) {
            return new Seq2SeqPrepareJob(spark, files).run(spec);
        }
        if (TaggingPrepareJob.handles(spec.data())) {
            return new TaggingPrepareJob(spark, files).run(spec);
        }
        if (NumericPrepareJob.handles(spec)) {
            return new NumericPrepareJob(spark, files).run(spec);
        }
        if (ModelPlan.taskOf(spec.model()) == Task.REGRESSION) {
            // labels would be indexed as classes and fed to a one-unit linear head
            throw new SpecException("model.loss: regression (a linear head with mse or mae) is trained on numeric "
                    + "input (model.input) only; text labels are classes: use a sigmoid or softmax head");
        }
        long t0 = System.nanoTime();
        Provenance provenance = Provenance.start("prepare", spec).corpus(files, spec.data());
        DataSpec data = spec.data();
        TextSpec text = spec.text();
        TextTokenizer tokenizer = TextTokenizer.of(text); // rejects unusable settings before any Spark work
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        CorpusSplits splits = CorpusSplits.read(spark, data, spec.training().seed());
        // files are parsed on every pass (see CorpusReaders); only the generated demo corpus is worth a cache
        boolean cache = splits.generated();
        Dataset<Row> train = cache ? splits.train().persist(StorageLevel.MEMORY_AND_DISK()) : splits.train();
        Dataset<Row> validation = cache ? splits.validation().persist(StorageLevel.MEMORY_AND_DISK()) : splits.validation();
        try {
            CorpusSurvey survey = splits.survey();
            splits.handleRejections(survey, data, target, files);
            if (survey.trainDocuments() == 0) {
                throw SeqtrainException.input("data.train " + describe(data) + ": the training corpus is empty");
            }
            LabelIndex labels = LabelIndex.of(survey.trainLabels().keySet(), "label");
            if (labels.size() < 2) {
                throw SeqtrainException.input("data.train " + describe(data) + ": needs at least 2 distinct labels, found "
                        + labels.labels());
            }
            checkValidationLabels(survey, validation, labels, data);

            Broadcast<TextTokenizer> tok = jsc.broadcast(tokenizer);
            Integer limit = text.numWords() == null || text.numWords() == 0 ? null : text.numWords();
            DistributedTokenCounts.TokenCounts counted = DistributedTokenCounts.count(train, tok, text.minCount(), limit);
            List<TokenCount> counts = counted.kept();
            Vocabulary vocabulary = Vocabulary.fromCounts(counts, text, survey.trainDocuments());
            long distinct = counted.distinct();
            Broadcast<TextEncoder> encoder = jsc.broadcast(TextEncoder.of(vocabulary));
            Broadcast<LabelIndex> lab = jsc.broadcast(labels);
            int maxlen = text.maxlen() != null ? text.maxlen() : SequenceIndexer.longest(train, encoder);

            SequenceIndexer indexer = new SequenceIndexer(encoder, lab, maxlen, text.padding(), text.truncating(), text.value());
            AtomicDirectory out = AtomicDirectory.begin(files, target, spec.output().ifExists(), OutputKind.PREPARED);
            OutputSpec.PreparedFormat format = spec.output().preparedFormat();
            PreparedFormat.write(indexer.index(spark, train), out.file("train").toString(), format);
            PreparedFormat.write(indexer.index(spark, validation), out.file("validation").toString(), format);

            Dataset<Row> trainOut = read(out.file("train").toString(), format);
            Dataset<Row> validationOut = read(out.file("validation").toString(), format);
            CorpusStats trainStats = CorpusStats.of(trainOut, distinct, maxlen, labels, survey.rejected());
            CorpusStats validationStats = CorpusStats.of(validationOut, distinct, maxlen, labels, 0);
            ObjectNode stats = JSON.createObjectNode();
            stats.set("train", trainStats.toJson(JSON));
            stats.set("validation", validationStats.toJson(JSON));

            PreparedData prepared = new PreparedData(files.qualify(target), format, maxlen, trainStats.documents(),
                    validationStats.documents(), vocabulary, labels, 0);
            files.writeString(out.file(PreparedData.TOKENIZER), TokenizerJson.write(vocabulary));
            files.writeString(out.file(PreparedData.LABELS), labels.toJson());
            files.writeString(out.file(PreparedData.STATS), stats.toPrettyString() + "\n");
            files.writeString(out.file("stats.txt"), trainStats.describe("train") + "\n" + validationStats.describe("validation") + "\n");
            files.writeString(out.file(PreparedData.MANIFEST), prepared.manifestJson());
            files.writeBytes(out.file("length_histogram.png"), LengthHistogram.png(trainOut, trainStats.maxLength(),
                    maxlen, spec.name() + ": training sequence lengths"));
            provenance.writePrepared(files, out.path());
            out.commit();
            LOG.info("prepare: {}", trainStats.describe("train"));
            LOG.info("prepare: {}", validationStats.describe("validation"));
            LOG.info(String.format("prepare: vocabulary %,d ids (input_dim), maxlen %d, %d labels %s; wrote %s in %.1f s",
                    vocabulary.inputDim(), maxlen, labels.size(), labels.labels(), target, (System.nanoTime() - t0) / 1e9));
            return prepared;
        } finally {
            if (cache) {
                train.unpersist();
                validation.unpersist();
            }
            splits.release();
        }
    }




    /** The survey says whether validation has a label training lacks; only then is a row looked up to name it. */
    static void checkValidationLabels(CorpusSurvey survey, Dataset<Row> validation, LabelIndex labels,
                                              DataSpec data) {
        if (labels.labels().containsAll(survey.validationLabels().keySet())) return;
        List<Row> unknown = validation.filter(col("label").isin(labels.labels().toArray()).unary_$bang())
                .select("id", "label").limit(1).collectAsList();
        if (!unknown.isEmpty()) {
            Row r = unknown.get(0);
            throw SeqtrainException.input("data.validation " + r.getString(0) + ": label '" + r.getString(1)
                    + "' does not occur in the training data " + labels.labels());
        }
    }


    public static Dataset<Row> read(SparkSession spark, String path, OutputSpec.PreparedFormat format) {
        return PreparedFormat.read(spark, path, format, SequenceIndexer.SCHEMA);
    }

    private Dataset<Row> read(String path, OutputSpec.PreparedFormat format) {
        return read(spark, path, format);
    }

    static String describe(DataSpec data) {
        return data.isDemo() ? "(demo corpus)" : String.join(", ", data.train());
    }
}
