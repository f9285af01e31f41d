package dev.seqtrain.prepare;

import dev.seqtrain.corpus.Corpus;
import dev.seqtrain.corpus.CorpusReaders;
import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.corpus.RejectedRows;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.store.HadoopFiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The training and validation sides of a corpus, for classification, numeric sequences and tagging alike:
 * {@code data.validation} read as its own corpus, or a seeded {@code validation_split} of the training corpus that
 * depends only on (seed, ord), never on partitioning; plus the rejected rows of both.
 *
 * @param corpora the read corpora (their parse is cached), released by {@link #release()}; empty for the demo
 */
record CorpusSplits(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> rejected, long rejectedCount,
                    List<Corpus> corpora) {

    static CorpusSplits read(SparkSession spark, DataSpec data, long seed) {
        return read(spark, data, seed, null);
    }

    /** {@code numeric}: null for text (and tagging); else numeric sequences of that shape. */
    static CorpusSplits read(SparkSession spark, DataSpec data, long seed, NumericShape numeric) {
        Dataset<Row> all;
        Dataset<Row> rejected = null;
        Dataset<Row> validation = null;
        List<Corpus> corpora = new ArrayList<>();
        if (data.isDemo()) {
            all = DemoCorpusSource.read(spark, data.demo(), numeric);
        } else {
            Corpus c = CorpusReaders.read(spark, data, data.train(), true, numeric);
            corpora.add(c);
            all = c.rows();
            rejected = c.rejected();
            if (!data.validation().isEmpty()) {
                Corpus v = CorpusReaders.read(spark, data, data.validation(), true, numeric);
                corpora.add(v);
                validation = v.rows();
                rejected = rejected.union(v.rejected());
            }
        }
        Dataset<Row> train = all;
        if (validation == null) {
            long buckets = 1_000_000L;
            long cut = Math.round(data.validationSplit() * buckets);
            Dataset<Row> bucketed = all.withColumn("_bucket", pmod(xxhash64(col("ord"), lit(seed)), lit(buckets)));
            validation = bucketed.filter(col("_bucket").lt(cut)).drop("_bucket");
            train = bucketed.filter(col("_bucket").geq(cut)).drop("_bucket");
        }
        long rejectedCount = rejected == null ? 0 : rejected.count();
        return new CorpusSplits(train, validation, rejected, rejectedCount, corpora);
    }

    /** Whether both sides derive from a parse the readers already cached (the generated demo is not). */
    boolean sourceCached() {
        return !corpora.isEmpty();
    }

    /** Rejected rows go beside {@code target} ({@code <target>.rejected}); too many of them fail the job. */
    void handleRejections(long good, DataSpec data, String target, HadoopFiles files) {
        RejectedRows.handle(rejected, good, data.maxRejectedFraction(), target + ".rejected", files, "prepare");
    }

    void release() {
        corpora.forEach(Corpus::unpersist);
    }
}
