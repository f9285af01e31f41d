package dev.seqtrain.cli;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.train.TrainJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the model on prepared data (output.prepared_dir) and write the model directory output.dir.")
public final class TrainCommand extends SparkJobCommand {
    @Option(names = "--resume", description = "Continue from the newest complete checkpoint in <output.dir>._work/ "
            + "(left by a killed or diverged job); without one, start from scratch.")
    boolean resume;

    @Override
    protected String command() {
        return "train";
    }

    @Override
    protected void execute(JobSpec spec, SparkSession spark, HadoopFiles files) {
        if (AtomicDirectory.check(files, spec.output().dir(), spec.output().ifExists()) == AtomicDirectory.Existing.SKIP) {
            status.status("skipped").output(spec.output().dir());
            return;
        }
        PreparedData prepared = PreparedData.load(files, spec.output().resolvedPreparedDir());
        TrainJob.Outcome o = new TrainJob(spark, files).run(spec, prepared, resume);
        status.status("ok").output(o.modelDir()).metrics(o.metrics());
    }
}
