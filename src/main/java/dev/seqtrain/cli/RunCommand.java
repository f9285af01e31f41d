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

import java.util.Locale;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "prepare + train + evaluate on the held-out split, in one Spark application.")
public final class RunCommand extends SparkJobCommand {
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
        PreparedData prepared = new PrepareJob(spark, files).run(spec);
        TrainJob.Outcome o = new TrainJob(spark, files).run(spec, prepared);
        Double acc = o.metrics().get("accuracy");
        if (acc != null) {
            LoggerFactory.getLogger("seqtrain").info(String.format(Locale.ROOT, "final validation accuracy %.4f (%s)",
                    acc, o.modelDir()));
        }
        status.status("ok").output(o.modelDir()).metrics(o.metrics());
    }
}
