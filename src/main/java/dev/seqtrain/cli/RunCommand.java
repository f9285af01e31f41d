package dev.seqtrain.cli;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.prepare.PrepareJob;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.train.TrainJob;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "prepare + train + evaluate on the held-out split, in one Spark application.")
public final class RunCommand extends SparkJobCommand {
    @Option(names = "--resume", description = "Continue training from the newest complete checkpoint in "
            + "<output.dir>._work/, reusing complete prepared data (output.prepared_dir) instead of preparing again.")
    boolean resume;

    @Override
    protected String command() {
        return "run";
    }

    @Override
    protected void execute(JobSpec spec, SparkSession spark, HadoopFiles files) {
        // decided before any work: a rerun under if_exists=fail must not spend an hour first
        if (AtomicDirectory.check(files, spec.output().dir(), spec.output().ifExists()) == AtomicDirectory.Existing.SKIP) {
            status.status("skipped").output(spec.output().dir());
            return;
        }
        PreparedData prepared = prepared(spec, spark, files);
        TrainJob.Outcome o = new TrainJob(spark, files).run(spec, prepared, resume);
        Double acc = o.metrics().get("accuracy");
        if (acc != null) {
            LoggerFactory.getLogger("seqtrain").info(String.format(Locale.ROOT, "final validation accuracy %.4f (%s)",
                    acc, o.modelDir()));
        }
        status.status("ok").output(o.modelDir()).metrics(o.metrics());
    }

    /** A resumed run trains on the data its checkpoints were trained on: the prepared data, when complete. */
    private PreparedData prepared(JobSpec spec, SparkSession spark, HadoopFiles files) {
        String dir = spec.output().resolvedPreparedDir();
        if (resume && AtomicDirectory.isComplete(files, dir)) {
            LoggerFactory.getLogger("seqtrain").info("--resume: reusing the prepared data in {}", dir);
            return PreparedData.load(files, dir);
        }
        return new PrepareJob(spark, files).run(spec);
    }
}
