package dev.seqtrain.cli;

import dev.seqtrain.job.IfExists;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.prepare.PrepareJob;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.Preflight;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "prepare + train + evaluate on the held-out split, in one Spark application. With --resume, "
                + "complete prepared data (output.prepared_dir) is reused instead of preparing again.")
public final class RunCommand extends TrainingCommand {
    @Override
    protected boolean readsTrainingData() {
        return true;
    }

    @Override
    protected void preflight(JobSpec spec, Preflight check) {
        super.preflight(spec, check);
        trainingInputs(spec, check);
        check.writable("output.prepared_dir", spec.output().resolvedPreparedDir());
    }

    @Override
    protected String command() {
        return "run";
    }

    /** The model directory and the prepared data it writes. */
    @Override
    protected List<String> outputs(JobSpec spec) {
        return List.of(spec.output().dir(), spec.output().resolvedPreparedDir());
    }

    /**
     * A resumed run trains on the data its checkpoints were trained on: the prepared data, when complete. Otherwise
     * the prepared data is this job's own intermediate, re-made whatever {@code output.if_exists} says of the model
     * directory (checked before): a job killed in training and rerun under {@code fail} must not stop at it. Only
     * seqtrain's prepared data is replaced, as under overwrite.
     */
    @Override
    protected PreparedData preparedData(JobSpec spec, SparkSession spark, HadoopFiles files) {
        String dir = spec.output().resolvedPreparedDir();
        if (resume && AtomicDirectory.isComplete(files, dir)) {
            LoggerFactory.getLogger("seqtrain").info("--resume: reusing the prepared data in {}", dir);
            return PreparedData.load(files, dir);
        }
        return new PrepareJob(spark, files).run(spec.withOutput(spec.output().withIfExists(IfExists.OVERWRITE)));
    }
}
