package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.corpus.RejectedRows;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TargetSequences;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.TokenizerJson;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;

/**
 * The prepare stage for sequence to sequence ({@code model.encoder}): pairs read by the readers of the other tasks
 * (source and target columns as their text and label) → both tokenizers fitted with the distributed token counts →
 * {@code tokenizer.json} (source) and {@code target_tokenizer.json} → rows of padded source ids and the decoder's
 * shifted input and output ({@link PairIndexer}) → prepared directory. Pairs with an empty side or a target that
 * does not fit {@code text.target.maxlen} join the readers' rejected rows.
 */
public final class Seq2SeqPrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(Seq2SeqPrepareJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final HadoopFiles files;

    public Seq2SeqPrepareJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    public static boolean handles(JobSpec spec) {
        return spec.model().isSeq2Seq();
    }

    public PreparedData run(JobSpec spec) {
        long t0 = System.nanoTime();
        DataSpec data = spec.data().pairColumns();
        Provenance provenance = Provenance.start("prepare", spec).corpus(files, data);
        String targetDir = spec.output().resolvedPreparedDir();
        TextSpec sourceText = spec.text().resolvedSource();
        TextSpec targetText = spec.text().target();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TextTokenizer sourceTokenizer = TextTokenizer.of(sourceText);
        TextTokenizer targetTokenizer = TextTokenizer.of(targetText);

        CorpusSplits splits = CorpusSplits.readPairs(spark, data, spec.training().seed());
        try {
            CorpusSurvey survey = splits.surveyWithoutLabels();
            long documents = survey.trainDocuments();
            if (documents == 0) {
                throw SeqtrainException.input("data.train " + String.join(", ", data.train())
                        + ": no pairs: no row has both data.source_column '" + data.resolvedSourceColumn()
                        + "' and data.target_column '" + data.resolvedTargetColumn() + "'");
            }
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

            Dataset<PairSequence> indexedTrain = indexer.index(train).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<PairSequence> indexedValidation = indexer.index(splits.validation())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> rejectedPairs = PairIndexer.rejected(indexedTrain)
                        .union(PairIndexer.rejected(indexedValidation));
                long badPairs = rejectedPairs.count();
                Dataset<Row> rejected = splits.rejected() == null ? rejectedPairs
                        : splits.rejected().union(rejectedPairs);
                RejectedRows.handle(rejected, survey.rejected() + badPairs, survey.documents() - badPairs,
                        data.maxRejectedFraction(), targetDir + ".rejected", files, "prepare");

                AtomicDirectory out = AtomicDirectory.begin(files, targetDir, spec.output().ifExists(),
                        OutputKind.PREPARED);
                OutputSpec.PreparedFormat format = spec.output().preparedFormat();
                PreparedFormat.write(PairIndexer.good(indexedTrain), out.file("train").toString(), format);
                PreparedFormat.write(PairIndexer.good(indexedValidation), out.file("validation").toString(), format);
                ObjectNode trainStats = lengths(read(out.file("train").toString(), format), sourceMaxlen, sequences);
                ObjectNode validationStats = lengths(read(out.file("validation").toString(), format), sourceMaxlen,
                        sequences);
                trainStats.put("rejected", survey.rejected() + badPairs);
                ObjectNode stats = JSON.createObjectNode();
                stats.set("train", trainStats);
                stats.set("validation", validationStats);

                PreparedData prepared = new PreparedData(files.qualify(targetDir), format, sourceMaxlen,
                        trainStats.get("pairs").asLong(), validationStats.get("pairs").asLong(), sourceVocabulary,
                        LabelIndex.of(List.of(), PreparedData.PAIRS), 0,
                        new PreparedData.Target(targetVocabulary, sequences));
                files.writeString(out.file(PreparedData.TOKENIZER), TokenizerJson.write(sourceVocabulary));
                files.writeString(out.file(PreparedData.TARGET_TOKENIZER), TokenizerJson.write(targetVocabulary));
                files.writeString(out.file(PreparedData.LABELS), prepared.labels().toJson());
                files.writeString(out.file(PreparedData.STATS), stats.toPrettyString() + "\n");
                files.writeString(out.file(PreparedData.MANIFEST), prepared.manifestJson());
                provenance.writePrepared(files, out.path());
                out.commit();
                LOG.info(String.format("prepare: %,d training and %,d validation pairs, source vocabulary %,d ids, "
                                + "maxlen %d; target vocabulary %,d ids, maxlen %d; wrote %s in %.1f s",
                        prepared.trainRows(), prepared.validationRows(), sourceVocabulary.inputDim(), sourceMaxlen,
                        targetVocabulary.inputDim(), sequences.maxlen(), targetDir, (System.nanoTime() - t0) / 1e9));
                return prepared;
            } finally {
                indexedTrain.unpersist();
                indexedValidation.unpersist();
            }
        } finally {
            splits.release();
        }
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
                org.apache.spark.sql.functions.sum(col(PreparedColumns.LENGTH).gt(sourceMaxlen).cast("int")))
                .first();
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

    private Dataset<Row> read(String path, OutputSpec.PreparedFormat format) {
        return PreparedFormat.read(spark, path, format, PairIndexer.SCHEMA);
    }
}
