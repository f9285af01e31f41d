package dev.seqtrain.cli;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.spark.SparkSessions;
import dev.seqtrain.store.HadoopFiles;
import org.apache.spark.sql.SparkSession;

/** A subcommand that runs on Spark: one session for the job, stopped at the end (if the job started it). */
public abstract class SparkJobCommand extends JobCommand {

    protected abstract void execute(JobSpec spec, SparkSession spark, HadoopFiles files) throws Exception;

    @Override
    protected final void execute(JobSpec spec) throws Exception {
        // a session that already exists (an embedding application, a test suite) belongs to its owner
        boolean ours = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.getOrCreate("seqtrain " + command() + " " + spec.name());
        try {
            execute(spec, spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()));
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }
}
