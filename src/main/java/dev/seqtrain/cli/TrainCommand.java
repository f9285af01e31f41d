package dev.seqtrain.cli;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.HadoopFiles;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the model on prepared data (output.prepared_dir) and write the model directory output.dir.")
public final class TrainCommand extends TrainingCommand {
    @Override
    protected String command() {
        return "train";
    }

    @Override
    protected PreparedData preparedData(JobSpec spec, SparkSession spark, HadoopFiles files) {
        return PreparedData.load(files, spec.output().resolvedPreparedDir());
    }
}
