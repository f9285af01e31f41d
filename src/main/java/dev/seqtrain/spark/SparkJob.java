package dev.seqtrain.spark;

import dev.seqtrain.corpus.RejectedRows;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.IfExists;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.OutputKind;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Spark jobs that read a corpus and write one output (prepare, evaluate, predict) share: the output is
 * checked against {@code output.if_exists} before any data is read, the input's rejected rows go beside it
 * ({@code <output>.rejected}) and fail the job past {@code data.max_rejected_fraction}, and the output itself is
 * written through {@link AtomicDirectory} with the job's provenance.
 */
public abstract class SparkJob {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    protected final SparkSession spark;
    protected final HadoopFiles files;
    /** The job's name in provenance and log lines: "prepare", "evaluate", "predict". */
    protected final String stage;

    protected SparkJob(String stage, SparkSession spark, HadoopFiles files) {
        this.stage = stage;
        this.spark = spark;
        this.files = files;
    }

    /**
     * True (and logged) when {@code output} is a complete {@code kind} directory and if_exists is skip: the job has
     * nothing to do. A path holding something other than {@code kind} is never replaced (see AtomicDirectory.check).
     */
    protected boolean completeAndSkipped(String output, IfExists ifExists, OutputKind kind, String then) {
        if (AtomicDirectory.check(files, output, ifExists, kind) != AtomicDirectory.Existing.SKIP) return false;
        LOG.info("{}: {} is complete and output.if_exists is skip: {}", stage, output, then);
        return true;
    }

    /** Counts and handles the rejected rows of input written to {@code output}; returns how many there were. */
    protected long handleRejected(Dataset<Row> rejected, long good, DataSpec data, String output) {
        return RejectedRows.handle(rejected, good, data.maxRejectedFraction(), rejectedDir(output), files, stage);
    }

    /** As {@link #handleRejected(Dataset, long, DataSpec, String)} when the caller has counted {@code bad}. */
    protected long handleRejected(Dataset<Row> rejected, long bad, long good, DataSpec data, String output) {
        return RejectedRows.handle(rejected, bad, good, data.maxRejectedFraction(), rejectedDir(output), files, stage);
    }

    /** Where the rejected rows of input written to {@code output} go: its sibling {@code <output>.rejected}. */
    public static String rejectedDir(String output) {
        return output.replaceAll("/+$", "") + ".rejected";
    }

    protected JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }
}
