package dev.seqtrain.cli;

import dev.seqtrain.job.TaskKind;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.JobSpecValidator;
import dev.seqtrain.model.ArchitectureCheck;
import dev.seqtrain.model.LabelLayout;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Base of every subcommand: a job spec file and any number of {@code --set key.path=value} overrides. The spec is
 * loaded and validated before anything else starts; subclasses do the work and fill in the status line.
 */
public abstract class JobCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job spec (see spark-jobs/).")
    Path specFile;

    @Option(names = "--set", paramLabel = "key.path=value",
            description = "Override a spec key, e.g. --set training.epochs=3 --set model.layers[1].units=32. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--verbose", description = "On failure, print the stack trace after the one-line message.")
    boolean verbose;

    protected StatusLine status;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    /** Where a subcommand prints its own output (the CLI's stdout, captured in tests). */
    protected java.io.PrintWriter out() {
        return commandSpec.commandLine().getOut();
    }

    /** Whether the subcommand reads {@code data.train} (prepare, run): then it must be given. */
    protected boolean readsTrainingData() {
        return false;
    }

    /**
     * How the data labels its examples, for the model check: as the spec's task kind lays them out; null (no check
     * of the head against the data) where data.format does not describe training data.
     */
    protected LabelLayout labelLayout(JobSpec spec) {
        return LabelLayout.of(TaskKind.of(spec));
    }

    /** The subcommand's name as the status line reports it. */
    protected abstract String command();

    protected abstract void execute(JobSpec spec) throws Exception;

    @Override
    public Integer call() throws Exception {
        status = new StatusLine(command());
        Main.CURRENT_STATUS.set(status);
        JobSpec spec = JobSpecLoader.load(specFile, overrides);
        status.job(spec.name());
        // what the layers can be built into is known before any data is read: fail before Spark starts
        ArchitectureCheck.check(spec.model(), labelLayout(spec)).ifPresent(problem -> {
            throw new SpecException(specFile + ": " + problem);
        });
        if (readsTrainingData()) {
            JobSpecValidator.requireTrainingData(spec).ifPresent(problem -> {
                throw new SpecException(specFile + ": " + problem);
            });
        }
        try {
            execute(spec);
        } catch (SpecException e) {
            // checks that need the data (e.g. the model against the vocabulary) name the key, not the file
            String prefix = specFile + ": ";
            throw e.getMessage().startsWith(prefix) ? e : new SpecException(prefix + e.getMessage(), e);
        }
        return 0;
    }
}
