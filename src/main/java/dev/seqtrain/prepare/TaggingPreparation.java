package dev.seqtrain.prepare;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.store.HadoopFiles;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

/**
 * Sequence labelling ({@code data.format: conll}): sentences → normalized tokens → counts → vocabulary (driver:
 * small) → tag index ({@code labels.json}, kind "tag") → {@code (id, ids, tags, length, oov)} rows, ids and tags
 * padded alike ({@link TaggedSequenceIndexer}). Statistics count sentences as documents and tags per token
 * ({@link TaggedCorpusStats}).
 */
final class TaggingPreparation extends KindPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(TaggingPreparation.class);
    /** More distinct tags than this means the tag column is probably the wrong one. */
    private static final int MAX_TAGS = 10_000;

    private TextSpec text;
    private TextTokenizer tokenizer;
    private Dataset<Row> train;
    private Dataset<Row> validation;
    private long distinctTokens;
    private long rejected;
    private long unknownTags;

    TaggingPreparation(SparkSession spark, HadoopFiles files) {
        super(spark, files);
    }

    @Override
    void begin(JobSpec spec) {
        text = spec.text();
        TaggingTextRules.check(text);
        tokenizer = TextTokenizer.of(text);
    }

    @Override
    CorpusSplits read(DataSpec data, JobSpec spec) {
        CorpusSplits splits = CorpusSplits.read(spark, data, spec.training().seed());
        train = splits.train().persist(StorageLevel.MEMORY_AND_DISK());
        validation = splits.validation().persist(StorageLevel.MEMORY_AND_DISK());
        return splits;
    }

    @Override
    Indexed index(CorpusSplits splits, DataSpec data, JobSpec spec, String target) {
        CorpusSurvey survey = splits.survey();
        long trainSentences = survey.trainDocuments();
        splits.handleRejections(survey, data, target, files);
        rejected = survey.rejected();
        if (trainSentences == 0) {
            throw SeqtrainException.input("data.train " + String.join(", ", data.train())
                    + ": no sentences (CoNLL: one token per line, a blank line between sentences)");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Integer limit = text.numWords() == null || text.numWords() == 0 ? null : text.numWords();
        DistributedTokenCounts.TokenCounts counted = DistributedTokenCounts.countTokenLists(train,
                jsc.broadcast(tokenizer), text.minCount(), limit);
        distinctTokens = counted.distinct();
        Vocabulary vocabulary = Vocabulary.fromCounts(counted.kept(), text, trainSentences);
        LabelIndex tags = LabelIndex.of(distinctTags(train, data), "tag");
        if (tags.size() < 2) {
            throw SeqtrainException.input("data.train: needs at least 2 distinct tags in data.tag_column "
                    + data.tagColumn() + ", found " + tags.labels());
        }
        unknownTags = unknownTags(validation, tags);
        Broadcast<TextEncoder> encoder = jsc.broadcast(TextEncoder.of(vocabulary));
        int maxlen = text.maxlen() != null ? text.maxlen() : TaggedSequenceIndexer.longest(train);
        TaggedSequenceIndexer indexer = new TaggedSequenceIndexer(encoder, jsc.broadcast(tags), maxlen,
                text.padding(), text.truncating(), text.value());
        return new Indexed(indexer.index(spark, train), indexer.index(spark, validation), vocabulary, tags, maxlen, 0,
                null);
    }

    @Override
    Statistics statistics(Indexed indexed, Dataset<Row> trainOut, Dataset<Row> validationOut) {
        TaggedCorpusStats trainStats = TaggedCorpusStats.of(trainOut, distinctTokens, indexed.maxlen(),
                indexed.labels(), rejected, 0);
        TaggedCorpusStats validationStats = TaggedCorpusStats.of(validationOut, distinctTokens, indexed.maxlen(),
                indexed.labels(), 0, unknownTags);
        return Statistics.of(trainStats.toJson(JSON), validationStats.toJson(JSON), trainStats.describe("train")
                + "\n" + validationStats.describe("validation") + "\n", trainStats.sentences().documents(),
                validationStats.sentences().documents());
    }

    @Override
    String summary(PreparedData p) {
        return String.format(Locale.ROOT, "vocabulary %,d ids (input_dim), maxlen %d, %d tags",
                p.vocabulary().inputDim(), p.maxlen(), p.labels().size());
    }

    @Override
    void release() {
        train.unpersist();
        validation.unpersist();
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
}
