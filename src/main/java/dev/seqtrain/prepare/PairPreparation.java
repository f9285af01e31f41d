package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.corpus.RejectedRows;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.spark.SparkJob;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TargetSequences;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

/**
 * Sequence to sequence ({@code model.encoder}): pairs read by the readers of the other kinds (source and target
 * columns as their text and label) → both tokenizers fitted with the distributed token counts → rows of padded
 * source ids and the decoder's shifted input and output ({@link PairIndexer}). Pairs with an empty side or a target
 * that does not fit {@code text.target.maxlen} join the readers' rejected rows.
 */
final class PairPreparation extends KindPreparation {
    private TextSpec sourceText;
    private TextSpec targetText;
    private TextTokenizer sourceTokenizer;
    private TextTokenizer targetTokenizer;
    private Dataset<PairSequence> indexedTrain;
    private Dataset<PairSequence> indexedValidation;
    private long rejected;

    PairPreparation(SparkSession spark, HadoopFiles files) {
        super(spark, files);
    }

    @Override
    void begin(JobSpec spec) {
        sourceText = spec.text().resolvedSource();
        targetText = spec.text().target();
        sourceTokenizer = TextTokenizer.of(sourceText);
        targetTokenizer = TextTokenizer.of(targetText);
    }

    @Override
    DataSpec data(JobSpec spec) {
        return spec.data().pairColumns();
    }

    @Override
    CorpusSplits read(DataSpec data, JobSpec spec) {
        return CorpusSplits.readPairs(spark, data, spec.training().seed());
    }

    @Override
    Indexed index(CorpusSplits splits, DataSpec data, JobSpec spec, String target) {
        CorpusSurvey survey = splits.surveyWithoutLabels();
        long documents = survey.trainDocuments();
        if (documents == 0) {
            throw SeqtrainException.input("data.train " + String.join(", ", data.train())
                    + ": no pairs: no row has both data.source_column '" + data.resolvedSourceColumn()
                    + "' and data.target_column '" + data.resolvedTargetColumn() + "'");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> train = splits.train();
        Vocabulary sourceVocabulary = vocabulary(train, sourceTokenizer, sourceText, documents, jsc);
        Dataset<Row> targets = train.select(col(CorpusSchemas.ORD), col(CorpusSchemas.LABEL).as(CorpusSchemas.TEXT))
                .filter(col(CorpusSchemas.TEXT).isNotNull());
        Vocabulary targetVocabulary = vocabulary(targets, targetTokenizer, targetText, documents, jsc);
        var sourceEncoder = jsc.broadcast(TextEncoder.of(sourceVocabulary));
        int sourceMaxlen = sourceText.maxlen() != null ? sourceText.maxlen()
                : SequenceIndexer.longest(train, sourceEncoder);
        TargetSequences sequences = new TargetSequences(targetVocabulary.inputDim(), targetText.maxlen());
        PairIndexer indexer = new PairIndexer(sourceEncoder, jsc.broadcast(TextEncoder.of(targetVocabulary)),
                sequences, sourceText, sourceMaxlen);

        indexedTrain = indexer.index(train).persist(StorageLevel.MEMORY_AND_DISK());
        indexedValidation = indexer.index(splits.validation()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> rejectedPairs = PairIndexer.rejected(indexedTrain).union(PairIndexer.rejected(indexedValidation));
        long badPairs = rejectedPairs.count();
        Dataset<Row> all = splits.rejected() == null ? rejectedPairs : splits.rejected().union(rejectedPairs);
        rejected = survey.rejected() + badPairs;
        RejectedRows.handle(all, rejected, survey.documents() - badPairs, data.maxRejectedFraction(),
                SparkJob.rejectedDir(target), files, "prepare");
        return new Indexed(PairIndexer.good(indexedTrain), PairIndexer.good(indexedValidation), sourceVocabulary,
                LabelIndex.of(List.of(), PreparedData.PAIRS), sourceMaxlen, 0,
                new PreparedData.Target(targetVocabulary, sequences));
    }

    @Override
    Statistics statistics(Indexed indexed, Dataset<Row> trainOut, Dataset<Row> validationOut) {
        ObjectNode train = lengths(trainOut, indexed.maxlen(), indexed.target().sequences());
        ObjectNode validation = lengths(validationOut, indexed.maxlen(), indexed.target().sequences());
        train.put("rejected", rejected);
        return Statistics.of(train, validation, null, train.get("pairs").asLong(), validation.get("pairs").asLong());
    }

    @Override
    String summary(PreparedData p) {
        return String.format(Locale.ROOT, "%,d training and %,d validation pairs, source vocabulary %,d ids, maxlen "
                        + "%d; target vocabulary %,d ids, maxlen %d", p.trainRows(), p.validationRows(),
                p.vocabulary().inputDim(), p.maxlen(), p.target().vocabulary().inputDim(),
                p.target().sequences().maxlen());
    }

    @Override
    void release() {
        if (indexedTrain != null) indexedTrain.unpersist();
        if (indexedValidation != null) indexedValidation.unpersist();
    }

    private static Vocabulary vocabulary(Dataset<Row> texts, TextTokenizer tokenizer, TextSpec text, long documents,
                                         JavaSparkContext jsc) {
        Integer limit = text.numWords() == null || text.numWords() == 0 ? null : text.numWords();
        DistributedTokenCounts.TokenCounts counted = DistributedTokenCounts.count(texts, jsc.broadcast(tokenizer),
                text.minCount(), limit);
        return Vocabulary.fromCounts(counted.kept(), text, documents);
    }

    /** Length statistics of both sides (tokens before padding; the target without its end token). */
    private static ObjectNode lengths(Dataset<Row> rows, int sourceMaxlen, TargetSequences target) {
        Row r = rows.agg(count("*"), avg(PreparedColumns.LENGTH), max(PreparedColumns.LENGTH),
                avg(PreparedColumns.TARGET_LENGTH), max(PreparedColumns.TARGET_LENGTH),
                sum(col(PreparedColumns.LENGTH).gt(sourceMaxlen).cast("int"))).first();
        ObjectNode n = JSON.createObjectNode();
        n.put("pairs", r.getLong(0));
        ObjectNode source = n.putObject("source");
        source.put("mean_length", r.isNullAt(1) ? 0 : r.getDouble(1));
        source.put("max_length", r.isNullAt(2) ? 0 : r.getInt(2));
        source.put("maxlen", sourceMaxlen);
        source.put("truncated", r.isNullAt(5) ? 0 : r.getLong(5));
        ObjectNode t = n.putObject("target");
        t.put("mean_length", r.isNullAt(3) ? 0 : r.getDouble(3));
        t.put("max_length", r.isNullAt(4) ? 0 : r.getInt(4));
        t.put("maxlen", target.maxlen());
        return n;
    }
}
