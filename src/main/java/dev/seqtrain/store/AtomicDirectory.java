package dev.seqtrain.store;

import dev.seqtrain.job.IfExists;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.fs.Path;

import java.util.UUID;

/**
 * A directory that appears complete or not at all: everything is written into a hidden temporary sibling
 * ({@code .name._tmp-<uuid>}), {@code _SUCCESS} goes in last, and the sibling is renamed into place. A job killed at
 * any point leaves at most a temporary sibling, never something that looks like a finished directory. A
 * {@link #resumable} directory is written in a work directory chosen by the caller ({@link WorkDirectories}), whose
 * contents outlive a killed job.
 *
 * <p>An output ({@link OutputKind} given) replaces only what seqtrain wrote: a complete directory of its kind, or an
 * empty directory. Anything else at the path is an error naming it ({@link ExitCode#OUTPUT_EXISTS}), whatever
 * {@code output.if_exists} says. The check runs before the work ({@link #check}) and again at {@link #commit}.
 */
public final class AtomicDirectory {
    public static final String SUCCESS = "_SUCCESS";

    private final HadoopFiles files;
    private final Path target;
    private final Path temp;
    private final IfExists ifExists;
    /** Null for a directory inside one seqtrain owns (a checkpoint in its work directory): replaced whatever it is. */
    private final OutputKind kind;
    /** A work directory: kept when the commit is refused, so that hours of training are not lost with it. */
    private final boolean resumable;

    private AtomicDirectory(HadoopFiles files, Path target, IfExists ifExists, OutputKind kind, Path temp,
                            boolean resumable) {
        this.files = files;
        this.target = target;
        this.ifExists = ifExists;
        this.kind = kind;
        this.temp = temp;
        this.resumable = resumable;
    }

    /** What to do when the target exists, decided before any work is done ({@code output.if_exists}). */
    public enum Existing { ABSENT, SKIP }

    /**
     * Checks the target against {@code if_exists} up front, so a job fails (or skips) before it spends an hour.
     * Returns SKIP when a complete {@code kind} directory exists and the policy is skip; throws (exit 6) when the
     * policy is fail, or when the path holds something that is not seqtrain's {@code kind}.
     */
    public static Existing check(HadoopFiles files, String target, IfExists ifExists, OutputKind kind) {
        Path t = outputPath(files, target);
        if (!files.exists(t)) return Existing.ABSENT;
        if (ifExists == IfExists.FAIL) {
            throw new SeqtrainException(ExitCode.OUTPUT_EXISTS, target + " already exists (output.if_exists: fail);"
                    + " set output.if_exists to overwrite or skip, or choose another " + kind.key());
        }
        boolean ours = kind.recognises(files, t);
        if (ifExists == IfExists.SKIP && ours) return Existing.SKIP;
        if (!ours && !files.isEmptyDirectory(t)) throw notOurs(target, kind, ifExists);
        return Existing.ABSENT;
    }

    /** An output directory of {@code kind}, replaced at {@link #commit} only when it is seqtrain's. */
    public static AtomicDirectory begin(HadoopFiles files, String target, IfExists ifExists, OutputKind kind) {
        Path t = outputPath(files, target);
        return new AtomicDirectory(files, t, ifExists, kind,
                new Path(t.getParent(), "." + t.getName() + "._tmp-" + UUID.randomUUID()), false);
    }

    /**
     * A directory inside one that seqtrain owns (a checkpoint in its work directory): whatever is at the target is
     * replaced under overwrite.
     */
    public static AtomicDirectory begin(HadoopFiles files, String target, IfExists ifExists) {
        Path t = outputPath(files, target);
        return new AtomicDirectory(files, t, ifExists, null,
                new Path(t.getParent(), "." + t.getName() + "._tmp-" + UUID.randomUUID()), false);
    }

    /**
     * Like {@link #begin}, but written in {@code work}, whose contents are kept: a later job finds it again (training
     * checkpoints live there, so a killed job can resume). The caller decides when to clear it ({@link #abort}).
     */
    public static AtomicDirectory resumable(HadoopFiles files, String target, IfExists ifExists, OutputKind kind,
                                            Path work) {
        return new AtomicDirectory(files, outputPath(files, target), ifExists, kind, work, true);
    }

    /** Where to write: the temporary sibling. */
    public Path path() {
        return temp;
    }

    public Path file(String name) {
        return new Path(temp, name);
    }

    public Path target() {
        return target;
    }

    /**
     * Writes {@code _SUCCESS} and moves the directory into place, replacing an old one only where it is seqtrain's
     * (under overwrite or skip); otherwise the work is removed and the target left as it is.
     */
    public void commit() {
        files.writeString(new Path(temp, SUCCESS), "");
        if (files.exists(target)) {
            if (ifExists == IfExists.FAIL) {
                abort();
                throw new SeqtrainException(ExitCode.OUTPUT_EXISTS, target + " appeared while the job ran (output.if_exists: fail)");
            }
            if (kind != null && !kind.recognises(files, target) && !files.isEmptyDirectory(target)) {
                SeqtrainException refused = notOurs(target.toString(), kind, ifExists);
                if (!resumable) {
                    abort();
                    throw refused;
                }
                throw new SeqtrainException(ExitCode.OUTPUT_EXISTS, refused.getMessage() + "; the trained model stays in "
                        + temp);
            }
            files.deleteRecursively(target);
        }
        files.rename(temp, target);
    }

    /** Removes the temporary sibling; the target is untouched. */
    public void abort() {
        files.deleteRecursively(temp);
    }

    public static boolean isComplete(HadoopFiles files, String dir) {
        return files.exists(new Path(new Path(dir), SUCCESS));
    }

    /** The output path, qualified ({@code .} has no parent to put the temporary sibling in until it is). */
    static Path outputPath(HadoopFiles files, String target) {
        Path t = files.qualified(target);
        if (t.getParent() == null) {
            throw new SeqtrainException(ExitCode.OUTPUT_EXISTS, target + ": a filesystem root cannot be an output"
                    + " (seqtrain writes beside it and renames into place); choose a directory below it");
        }
        return t;
    }

    private static SeqtrainException notOurs(String target, OutputKind kind, IfExists ifExists) {
        return new SeqtrainException(ExitCode.OUTPUT_EXISTS, target + " exists and is not a seqtrain "
                + kind.description() + " (no " + kind.marks() + "); output.if_exists: " + ifExists
                + " replaces only what seqtrain wrote, so nothing was deleted: move it away or choose another path");
    }
}
