package dev.seqtrain.prepare;

import dev.seqtrain.corpus.Corpus;
import dev.seqtrain.corpus.CorpusReaders;
import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.corpus.PairRejections;
import dev.seqtrain.corpus.RejectedRows;
import dev.seqtrain.demo.DemoNumbers;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.spark.SparkJob;
import dev.seqtrain.store.HadoopFiles;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The training and validation sides of a corpus, for classification, numeric sequences and tagging alike:
 * {@code data.validation} read as its own corpus, or a seeded {@code validation_split} of the training corpus that
 * depends only on (seed, ord), never on partitioning; plus the rejected rows of both, and an outline of every record
 * for {@link #survey}.
 *
 * @param outline {@code (good, ord, label, validation)} per parsed record of both sides
 * @param corpora the read corpora, released by {@link #release()}; empty for the demo
 */
record CorpusSplits(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> rejected, Dataset<Row> outline,
                    List<Corpus> corpora) {
    static final String VALIDATION = "validation";

    static CorpusSplits read(SparkSession spark, DataSpec data, long seed) {
        return read(spark, data, seed, null);
    }

    /** {@code numeric}: null for text (and tagging); else numeric sequences of that shape. */
    static CorpusSplits read(SparkSession spark, DataSpec data, long seed, NumericShape numeric) {
        if (data.isDemo()) {
            Dataset<Row> all = DemoCorpusSource.read(spark, data.demo(), numeric);
            Dataset<Row> outline = all.select(lit(true).as(CorpusSchemas.GOOD), col(CorpusSchemas.ORD), col(CorpusSchemas.LABEL));
            return split(all, null, outline, data, seed, List.of());
        }
        List<Corpus> corpora = new ArrayList<>();
        Corpus c = CorpusReaders.read(spark, data, data.train(), true, numeric);
        corpora.add(c);
        if (data.validation().isEmpty()) {
            return split(c.rows(), c.rejected(), c.outline(), data, seed, corpora);
        }
        Corpus v = CorpusReaders.read(spark, data, data.validation(), true, numeric);
        corpora.add(v);
        Dataset<Row> outline = c.outline().withColumn(VALIDATION, lit(false))
                .union(v.outline().withColumn(VALIDATION, lit(true)));
        return new CorpusSplits(c.rows(), v.rows(), c.rejected().union(v.rejected()), outline, corpora);
    }

    /** Pairs of a sequence to sequence job: the files as {@link #read}, or the generated demo pairs. */
    static CorpusSplits readPairs(SparkSession spark, DataSpec data, long seed) {
        if (!data.isDemo()) {
            CorpusSplits files = read(spark, data, seed, null);
            return new CorpusSplits(files.train(), files.validation(), PairRejections.named(files.rejected(), data),
                    files.outline(), files.corpora());
        }
        // validation pairs come from the held-out numbers, so validation measures generalisation, not recall
        long n = data.demo().documents();
        long validationPairs = Math.round(n * data.validationSplit());
        Dataset<Row> train = DemoCorpusSource.pairs(spark, data.demo(), DemoNumbers.Side.TRAIN, 0, n - validationPairs);
        Dataset<Row> validation = DemoCorpusSource.pairs(spark, data.demo(), DemoNumbers.Side.HELD_OUT,
                n - validationPairs, validationPairs);
        Dataset<Row> outline = demoOutline(train, false).union(demoOutline(validation, true));
        return new CorpusSplits(train, validation, null, outline, List.of());
    }

    private static Dataset<Row> demoOutline(Dataset<Row> pairs, boolean validation) {
        return pairs.select(lit(true).as(CorpusSchemas.GOOD), col(CorpusSchemas.ORD), col(CorpusSchemas.LABEL),
                lit(validation).as(VALIDATION));
    }

    /** A seeded validation_split of one corpus: a record goes to validation when its (seed, ord) bucket says so. */
    private static CorpusSplits split(Dataset<Row> all, Dataset<Row> rejected, Dataset<Row> outline, DataSpec data,
                                      long seed, List<Corpus> corpora) {
        long buckets = 1_000_000L;
        long cut = Math.round(data.validationSplit() * buckets);
        Column inValidation = pmod(xxhash64(col(CorpusSchemas.ORD), lit(seed)), lit(buckets)).lt(cut);
        return new CorpusSplits(all.filter(inValidation.unary_$bang()), all.filter(inValidation), rejected,
                outline.withColumn(VALIDATION, inValidation), corpora);
    }

    /** Whether the corpus is generated (the demo) rather than read from files. */
    boolean generated() {
        return corpora.isEmpty();
    }

    /** One pass over the input, without tokenizing: documents and labels per side, rejected rows. */
    CorpusSurvey survey() {
        return CorpusSurvey.of(outline);
    }

    /** The same without label counts, for labels that are not classes (a regression's targets). */
    CorpusSurvey surveyWithoutLabels() {
        return CorpusSurvey.of(outline.withColumn(CorpusSchemas.LABEL, lit(null).cast(DataTypes.StringType)));
    }

    /** Rejected rows go beside {@code target} ({@code <target>.rejected}); too many of them fail the job. */
    void handleRejections(CorpusSurvey survey, DataSpec data, String target, HadoopFiles files) {
        RejectedRows.handle(rejected, survey.rejected(), survey.documents(), data.maxRejectedFraction(),
                SparkJob.rejectedDir(target), files, "prepare");
    }

    void release() {
        corpora.forEach(Corpus::unpersist);
    }
}
