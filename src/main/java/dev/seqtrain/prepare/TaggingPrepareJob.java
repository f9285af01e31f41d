package dev.seqtrain.prepare;

import dev.seqtrain.job.OutputSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.TextTokenizer;
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

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

/**
 * The prepare stage for sequence labelling ({@code data.format: conll}): sentences → normalized tokens → counts →
 * vocabulary (driver: small) → tag index ({@code labels.json}, kind "tag") → {@code (id, ids, tags, length, oov)}
 * rows, ids and tags padded alike (see {@link TaggedSequenceIndexer}) → prepared directory. Statistics count
 * sentences as documents and tags per token ({@link TaggedCorpusStats}).
 */
public final class TaggingPrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(TaggingPrepareJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** More distinct tags than this means the tag column is probably the wrong one. */
    private static final int MAX_TAGS = 10_000;

    private final SparkSession spark;
    private final HadoopFiles files;

    public TaggingPrepareJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    /** True for the corpora this job prepares (CoNLL); the others go through {@link PrepareJob}. */
    public static boolean handles(DataSpec data) {
        return data.format() == DataSpec.Format.CONLL;
    }

    public PreparedData run(JobSpec spec) {
        long t0 = System.nanoTime();
        Provenance provenance = Provenance.start("prepare", spec).corpus(files, spec.data());
        String target = spec.output().resolvedPreparedDir();
        DataSpec data = spec.data();
        TextSpec text = spec.text();
        TaggingTextRules.check(text);
        TextTokenizer tokenizer = TextTokenizer.of(text);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        CorpusSplits splits = CorpusSplits.read(spark, data, spec.training().seed());
        Dataset<Row> train = splits.train().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> validation = splits.validation().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            CorpusSurvey survey = splits.survey();
            long trainSentences = survey.trainDocuments();
            splits.handleRejections(survey, data, target, files);
            if (trainSentences == 0) {
                throw SeqtrainException.input("data.train " + String.join(", ", data.train())
                        + ": no sentences (CoNLL: one token per line, a blank line between sentences)");
            }

            Integer limit = text.numWords() == null || text.numWords() == 0 ? null : text.numWords();
            DistributedTokenCounts.TokenCounts counted = DistributedTokenCounts.countTokenLists(train,
                    jsc.broadcast(tokenizer),
                    text.minCount(), limit);
            Vocabulary vocabulary = Vocabulary.fromCounts(counted.kept(), text, trainSentences);
            LabelIndex tags = LabelIndex.of(distinctTags(train, data), "tag");
            if (tags.size() < 2) {
                throw SeqtrainException.input("data.train: needs at least 2 distinct tags in data.tag_column "
                        + data.tagColumn() + ", found " + tags.labels());
            }
            long unknownTags = unknownTags(validation, tags);
            Broadcast<TextEncoder> encoder = jsc.broadcast(TextEncoder.of(vocabulary));
            int maxlen = text.maxlen() != null ? text.maxlen() : TaggedSequenceIndexer.longest(train);
            TaggedSequenceIndexer indexer = new TaggedSequenceIndexer(encoder, jsc.broadcast(tags), maxlen,
                    text.padding(), text.truncating(), text.value());

            AtomicDirectory out = AtomicDirectory.begin(files, target, spec.output().ifExists(), OutputKind.PREPARED);
            OutputSpec.PreparedFormat format = spec.output().preparedFormat();
            PreparedFormat.write(indexer.index(spark, train), out.file("train").toString(), format);
            PreparedFormat.write(indexer.index(spark, validation), out.file("validation").toString(), format);

            TaggedCorpusStats trainStats = TaggedCorpusStats.of(read(out.file("train").toString(), format),
                    counted.distinct(), maxlen, tags, survey.rejected(), 0);
            TaggedCorpusStats validationStats = TaggedCorpusStats.of(read(out.file("validation").toString(), format),
                    counted.distinct(), maxlen, tags, 0, unknownTags);
            ObjectNode stats = JSON.createObjectNode();
            stats.set("train", trainStats.toJson(JSON));
            stats.set("validation", validationStats.toJson(JSON));

            PreparedData prepared = new PreparedData(files.qualify(target), format, maxlen,
                    trainStats.sentences().documents(), validationStats.sentences().documents(), vocabulary, tags, 0);
            files.writeString(out.file(PreparedData.TOKENIZER), TokenizerJson.write(vocabulary));
            files.writeString(out.file(PreparedData.LABELS), tags.toJson());
            files.writeString(out.file(PreparedData.STATS), stats.toPrettyString() + "\n");
            files.writeString(out.file("stats.txt"), trainStats.describe("train") + "\n"
                    + validationStats.describe("validation") + "\n");
            files.writeString(out.file(PreparedData.MANIFEST), prepared.manifestJson());
            provenance.writePrepared(files, out.path());
            out.commit();
            LOG.info("prepare: {}", trainStats.describe("train"));
            LOG.info("prepare: {}", validationStats.describe("validation"));
            LOG.info(String.format("prepare: vocabulary %,d ids (input_dim), maxlen %d, %d tags; wrote %s in %.1f s",
                    vocabulary.inputDim(), maxlen, tags.size(), target, (System.nanoTime() - t0) / 1e9));
            return prepared;
        } finally {
            train.unpersist();
            validation.unpersist();
            splits.release();
        }
    }

    private static Set<String> distinctTags(Dataset<Row> sentences, DataSpec data) {
        Set<String> out = new HashSet<>();
        for (Row r : sentences.select(explode(col("tags"))).distinct().limit(MAX_TAGS + 1).collectAsList()) {
            out.add(r.getString(0));
        }
        if (out.size() > MAX_TAGS) {
            throw SeqtrainException.input("more than " + MAX_TAGS + " distinct tags: is data.tag_column "
                    + data.tagColumn() + " the tag column?");
        }
        return out;
    }

    /** Validation tokens whose tag never occurs in training: left out of loss and accuracy, reported in stats. */
    private static long unknownTags(Dataset<Row> validation, LabelIndex tags) {
        long n = validation.select(explode(col("tags")).as("t"))
                .filter(col("t").isin(tags.labels().toArray()).unary_$bang()).count();
        if (n > 0) {
            LOG.warn(String.format("prepare: %,d validation tokens carry a tag that training never saw; they are "
                    + "not scored", n));
        }
        return n;
    }


    /** Prepared tagging rows, schema {@link TaggedSequenceIndexer#SCHEMA}. */
    public static Dataset<Row> read(SparkSession spark, String path, OutputSpec.PreparedFormat format) {
        return PreparedFormat.read(spark, path, format, TaggedSequenceIndexer.SCHEMA);
    }

    private Dataset<Row> read(String path, OutputSpec.PreparedFormat format) {
        return read(spark, path, format);
    }
}
