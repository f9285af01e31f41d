package dev.seqtrain.cli;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.spark.SparkSessions;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.IoTimeouts;
import dev.seqtrain.store.Preflight;
import org.apache.spark.sql.SparkSession;

/**
 * A subcommand that runs on Spark: its {@link #preflight} checks first (inputs hold data, outputs can be written),
 * then one session for the job, stopped at the end (if the job started it).
 */
public abstract class SparkJobCommand extends JobCommand {

    protected abstract void execute(JobSpec spec, SparkSession spark, HadoopFiles files) throws Exception;

    /** What can be checked before any data is read: inputs and output locations, in seconds, without Spark. */
    protected void preflight(JobSpec spec, Preflight check) {
    }

    /** The corpus prepare reads: data.train and data.validation (none for the generated demo corpus). */
    protected static void trainingInputs(JobSpec spec, Preflight check) {
        if (spec.data().isDemo()) return;
        check.inputs("data.train", spec.data().train());
        check.inputs("data.validation", spec.data().validation());
    }

    @Override
    protected final void execute(JobSpec spec) throws Exception {
        int timeout = spec.io().timeoutSeconds();
        preflight(spec, new Preflight(IoTimeouts.apply(SparkSessions.hadoopConfiguration(), timeout)));
        // a session that already exists (an embedding application, a test suite) belongs to its owner
        boolean ours = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.getOrCreate("seqtrain " + command() + " " + spec.name(),
                IoTimeouts.settings(timeout));
        try {
            execute(spec, spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()));
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }
}
