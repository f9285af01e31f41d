package dev.seqtrain.cli;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.Preflight;
import dev.seqtrain.train.TrainJob;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/**
 * A subcommand that ends in a model directory ({@code run}, {@code train}): honours {@code output.if_exists} before
 * any work, can {@code --resume} from checkpoints, and reports the final metrics.
 */
public abstract class TrainingCommand extends SparkJobCommand {
    @Option(names = "--resume", description = "Continue from the newest complete checkpoint in the <output.dir>._work-<run id>/ directories "
            + "(left by a killed or diverged job); without one, start from scratch.")
    boolean resume;

    /** The data to train on. */
    protected abstract PreparedData preparedData(JobSpec spec, SparkSession spark, HadoopFiles files);

    /** The model directory (and, beside it, the work directory of checkpoints) can be written. */
    @Override
    protected void preflight(JobSpec spec, Preflight check) {
        check.writable("output.dir", spec.output().dir());
    }

    @Override
    protected List<String> outputs(JobSpec spec) {
        return List.of(spec.output().dir());
    }

    @Override
    protected final void execute(JobSpec spec, SparkSession spark, HadoopFiles files) throws Exception {
        // decided before any work: a rerun under if_exists=fail must not spend an hour first
        if (AtomicDirectory.check(files, spec.output().dir(), spec.output().ifExists(), OutputKind.MODEL) == AtomicDirectory.Existing.SKIP) {
            status.status("skipped").output(spec.output().dir());
            return;
        }
        TrainJob.Outcome o;
        try {
            o = new TrainJob(spark, files).run(spec, preparedData(spec, spark, files), resume);
        } catch (Exception e) { // Spark's SparkException is checked but thrown undeclared from Scala
            throw UnfinishedOutput.explain(e, files, spec.output().dir());
        }
        // the headline metric: accuracy for classifiers, mse for a regression
        String headline = o.metrics().containsKey("accuracy") ? "accuracy" : o.metrics().containsKey("mse") ? "mse" : null;
        if (headline != null) {
            LoggerFactory.getLogger("seqtrain").info(String.format(Locale.ROOT, "final validation %s %.4f (%s)",
                    headline, o.metrics().get(headline), o.modelDir()));
        }
        status.status("ok").output(o.modelDir()).metrics(o.metrics());
    }
}
