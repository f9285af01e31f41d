package dev.seqtrain.cli;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.JobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score raw text with the model directory output.dir (same tokenizer and vocabulary). "
                + "Not available in this version yet.")
public final class PredictCommand extends JobCommand {
    @Option(names = "--input", paramLabel = "PATH", description = "Raw text in data.format.")
    String input;

    @Option(names = "--output", paramLabel = "PATH", description = "Where predictions go.")
    String output;

    @Override
    protected String command() {
        return "predict";
    }

    @Override
    protected void execute(JobSpec spec) {
        throw new SeqtrainException(ExitCode.NOT_BUILT, "predict is not available in this version of seqtrain yet;"
                + " nothing was read or written");
    }
}
