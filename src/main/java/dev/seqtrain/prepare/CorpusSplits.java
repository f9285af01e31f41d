package dev.seqtrain.prepare;

import dev.seqtrain.corpus.Corpus;
import dev.seqtrain.corpus.CorpusReaders;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The train and validation rows of a file corpus ({@code data.validation}, or a seeded {@code validation_split} that
 * depends only on (seed, ord), not on partitioning) and its rejected rows, with the {@code max_rejected_fraction}
 * check. Same rules as {@link PrepareJob} applies to classification corpora; used by {@link TaggingPrepareJob}.
 */
record CorpusSplits(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> rejected, long rejectedCount) {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusSplits.class);

    static CorpusSplits read(SparkSession spark, DataSpec data, long seed) {
        Corpus c = CorpusReaders.read(spark, data, data.train());
        Dataset<Row> rejected = c.rejected();
        Dataset<Row> train = c.rows();
        Dataset<Row> validation;
        if (!data.validation().isEmpty()) {
            Corpus v = CorpusReaders.read(spark, data, data.validation());
            validation = v.rows();
            rejected = rejected.union(v.rejected());
        } else {
            long buckets = 1_000_000L;
            long cut = Math.round(data.validationSplit() * buckets);
            Dataset<Row> bucketed = train.withColumn("_bucket", pmod(xxhash64(col("ord"), lit(seed)), lit(buckets)));
            validation = bucketed.filter(col("_bucket").lt(cut)).drop("_bucket");
            train = bucketed.filter(col("_bucket").geq(cut)).drop("_bucket");
        }
        return new CorpusSplits(train, validation, rejected, rejected.count());
    }

    /** Writes rejected rows beside {@code target}; fails when they exceed {@code data.max_rejected_fraction}. */
    void checkRejections(long good, DataSpec data, String target) {
        if (rejectedCount == 0) return;
        String rejectedDir = target + ".rejected";
        rejected.write().mode(SaveMode.Overwrite).json(rejectedDir);
        double fraction = (double) rejectedCount / Math.max(1, rejectedCount + good);
        List<Row> first = rejected.limit(3).collectAsList();
        String examples = first.stream().map(r -> r.getString(0) + " (" + r.getString(1) + ")")
                .collect(Collectors.joining("; "));
        if (fraction > data.maxRejectedFraction()) {
            throw SeqtrainException.input(String.format("%,d of %,d rows (%.2f%%) could not be read, more than "
                            + "data.max_rejected_fraction %.2f%%; e.g. %s; all of them are in %s", rejectedCount,
                    rejectedCount + good, 100 * fraction, 100 * data.maxRejectedFraction(), examples, rejectedDir));
        }
        LOG.warn(String.format("prepare: %,d rows rejected (%.2f%%), e.g. %s; written to %s", rejectedCount,
                100 * fraction, examples, rejectedDir));
    }
}
