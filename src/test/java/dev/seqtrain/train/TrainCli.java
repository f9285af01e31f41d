package dev.seqtrain.train;

import dev.seqtrain.cli.CliRunner;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.HadoopFiles;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The demo job with a small corpus, run through {@link CliRunner}: what the training tests drive. */
final class TrainCli {
    private static final String SPEC = "spark-jobs/demo-sentiment.yaml";

    /** {@link CliRunner.Result} under the name the training tests use. */
    record Result(int exitCode, String out, String err) {
        static Result of(CliRunner.Result r) {
            return new Result(r.exitCode(), r.out(), r.err());
        }
    }

    /** The demo prepared under {@code tmp/prepared} with {@code settings}: its spec, data and model plan. */
    record PreparedDemo(JobSpec spec, PreparedData data, ModelPlan plan) {
    }

    static PreparedDemo prepareDemo(SparkSession spark, Path tmp, String... settings) {
        Path prepared = tmp.resolve("prepared");
        List<String> all = new ArrayList<>(List.of("--set", "output.prepared_dir=" + prepared));
        all.addAll(Arrays.asList(settings));
        String[] args = all.toArray(String[]::new);
        Result prep = demo("prepare", tmp.resolve("model"), args);
        if (prep.exitCode() != 0) throw new AssertionError("prepare failed: " + prep.err());
        JobSpec spec = demoSpec(tmp.resolve("model"), args);
        PreparedData data = PreparedData.load(new HadoopFiles(spark.sparkContext().hadoopConfiguration()), prepared.toString());
        return new PreparedDemo(spec, data, TrainJob.plan(spec, data));
    }

    private TrainCli() {
    }

    /** {@code command spark-jobs/demo-sentiment.yaml} + the small-demo settings + {@code more}. */
    static Result demo(String command, Path modelDir, String... more) {
        return demo(command, modelDir.toString(), more);
    }

    /** {@link #demo(String, Path, String...)} with the model directory on any Hadoop filesystem. */
    static Result demo(String command, String modelDir, String... more) {
        List<String> args = new ArrayList<>(List.of(command, SPEC));
        args.addAll(settings(modelDir, more));
        return Result.of(CliRunner.run(args));
    }

    /** The spec that {@link #demo} runs with the same arguments, for tests that drive the trainer themselves. */
    static JobSpec demoSpec(Path modelDir, String... more) {
        List<String> args = settings(modelDir, more);
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if ("--set".equals(args.get(i))) overrides.add(args.get(++i));
        }
        return JobSpecLoader.load(Path.of(SPEC), overrides);
    }

    private static List<String> settings(Object modelDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--set", "output.dir=" + modelDir, "--set", "data.demo.documents=1000",
                "--set", "model.layers[0].output_dim=16", "--set", "model.layers[1].units=16",
                "--set", "training.workers=2", "--set", "output.if_exists=overwrite"));
        args.addAll(Arrays.asList(more));
        return args;
    }
}
