package dev.seqtrain.cli;

import dev.seqtrain.job.IfExists;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.spark.SparkSessions;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.IoTimeouts;
import dev.seqtrain.store.OutputLock;
import dev.seqtrain.store.Preflight;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subcommand that runs on Spark: its {@link #preflight} checks first (inputs hold data, outputs can be written),
 * then one session for the job, stopped at the end (if the job started it). The outputs it writes are locked
 * ({@link OutputLock}) for the whole job, before anything is deleted or written.
 */
public abstract class SparkJobCommand extends JobCommand {

    protected abstract void execute(JobSpec spec, SparkSession spark, HadoopFiles files) throws Exception;

    /** What can be checked before any data is read: inputs and output locations, in seconds, without Spark. */
    protected void preflight(JobSpec spec, Preflight check) {
    }

    /** The outputs this command writes: one job at a time each. */
    protected List<String> outputs(JobSpec spec) {
        return List.of();
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
        List<OutputLock> locks = new ArrayList<>();
        try {
            HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
            for (String output : outputs(spec)) {
                Optional<OutputLock> lock;
                try {
                    lock = OutputLock.tryAcquire(files, output, spec.output().lockStale());
                } catch (RuntimeException e) { // a full quota, a read-only filesystem: said with the output's state
                    throw UnfinishedOutput.explain(e, files, output);
                }
                if (lock.isEmpty() && spec.output().ifExists() == IfExists.SKIP) {
                    // the other job is making this output: under skip, that is as good as having it
                    LoggerFactory.getLogger("seqtrain").info("skipped: {}",
                            OutputLock.holderMessage(files, output, spec.output().lockStale()));
                    status.status("skipped").output(output);
                    return;
                }
                locks.add(lock.orElseGet(() -> OutputLock.acquire(files, output, spec.output().lockStale())));
            }
            execute(spec, spark, files);
        } finally {
            locks.forEach(OutputLock::close);
            if (ours) {
                spark.stop();
            }
        }
    }
}
