package dev.seqtrain.cli;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.prepare.PrepareJob;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.Preflight;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Tokenize and pad the corpus on Spark; write sequences, tokenizer.json, labels.json, stats.json "
                + "to output.prepared_dir.")
public final class PrepareCommand extends SparkJobCommand {
    @Override
    protected boolean readsTrainingData() {
        return true;
    }

    @Override
    protected void preflight(JobSpec spec, Preflight check) {
        trainingInputs(spec, check);
        check.writable("output.prepared_dir", spec.output().resolvedPreparedDir());
    }

    @Override
    protected String command() {
        return "prepare";
    }

    @Override
    protected List<String> outputs(JobSpec spec) {
        return List.of(spec.output().resolvedPreparedDir());
    }

    @Override
    protected void execute(JobSpec spec, SparkSession spark, HadoopFiles files) throws Exception {
        PreparedData p;
        try {
            p = new PrepareJob(spark, files).run(spec);
        } catch (Exception e) { // Spark's SparkException is checked but thrown undeclared from Scala
            throw UnfinishedOutput.explain(e, files, spec.output().resolvedPreparedDir());
        }
        status.status("ok").output(p.dir());
    }
}
