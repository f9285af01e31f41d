package dev.seqtrain.cli;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.Failures;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import org.apache.hadoop.fs.Path;

/**
 * After the environment failed a job that writes a directory: the message also says what the output path holds now,
 * so nobody has to look before rerunning.
 */
final class UnfinishedOutput {
    private UnfinishedOutput() {
    }

    /** {@code e} itself, or with the state of {@code dir} added when the environment is at fault. */
    static Exception explain(Exception e, HadoopFiles files, String dir) {
        Failures.Failure f = Failures.classify(e);
        if (f.exitCode() != ExitCode.ENVIRONMENT) return e;
        String state;
        try {
            Path p = new Path(dir);
            state = !files.exists(p) ? "nothing was written to " + dir
                    : files.exists(new Path(p, AtomicDirectory.SUCCESS)) ? dir + " holds a complete directory (_SUCCESS)"
                    : dir + " is incomplete";
        } catch (RuntimeException unreachable) {
            return e; // the filesystem cannot say: the fault alone is the message
        }
        return new SeqtrainException(ExitCode.ENVIRONMENT, f.message() + " (" + state + ")", e);
    }
}
