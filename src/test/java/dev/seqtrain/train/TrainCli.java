package dev.seqtrain.train;

import dev.seqtrain.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The CLI in-process on the demo job, with a small corpus: what the training tests drive. */
final class TrainCli {
    record Result(int exitCode, String out, String err) {
    }

    private TrainCli() {
    }

    /** {@code command spark-jobs/demo-sentiment.yaml} + the small-demo settings + {@code more}. */
    static Result demo(String command, java.nio.file.Path modelDir, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "spark-jobs/demo-sentiment.yaml",
                "--set", "output.dir=" + modelDir, "--set", "data.demo.documents=1000",
                "--set", "model.layers[0].output_dim=16", "--set", "model.layers[1].units=16",
                "--set", "training.workers=2", "--set", "output.if_exists=overwrite"));
        args.addAll(Arrays.asList(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
