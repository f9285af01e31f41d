package dev.seqtrain.store;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.fs.Path;

import java.util.UUID;

/**
 * A directory that appears complete or not at all: everything is written into a hidden temporary sibling
 * ({@code .name._tmp-<uuid>}), {@code _SUCCESS} goes in last, and the sibling is renamed into place. A job killed at
 * any point leaves at most a temporary sibling, never something that looks like a finished directory. A
 * {@link #resumable} directory uses a stable sibling instead, whose contents outlive a killed job.
 */
public final class AtomicDirectory {
    public static final String SUCCESS = "_SUCCESS";
    public static final String WORK_SUFFIX = "._work";

    private final HadoopFiles files;
    private final Path target;
    private final Path temp;
    private final String ifExists;

    private AtomicDirectory(HadoopFiles files, Path target, String ifExists, Path temp) {
        this.files = files;
        this.target = target;
        this.ifExists = ifExists;
        this.temp = temp;
    }

    /** What to do when the target exists, decided before any work is done ({@code output.if_exists}). */
    public enum Existing { ABSENT, SKIP }

    /**
     * Checks the target against {@code if_exists} up front, so a job fails (or skips) before it spends an hour.
     * Returns SKIP when a complete directory exists and the policy is skip.
     */
    public static Existing check(HadoopFiles files, String target, String ifExists) {
        Path t = new Path(target);
        if (!files.exists(t)) return Existing.ABSENT;
        boolean complete = files.exists(new Path(t, SUCCESS));
        if ("skip".equals(ifExists) && complete) return Existing.SKIP;
        if ("fail".equals(ifExists)) {
            throw new SeqtrainException(ExitCode.OUTPUT_EXISTS, target + " already exists (output.if_exists: fail);"
                    + " set output.if_exists to overwrite or skip, or choose another output.dir");
        }
        return Existing.ABSENT;
    }

    public static AtomicDirectory begin(HadoopFiles files, String target, String ifExists) {
        Path t = new Path(target);
        AtomicDirectory d = new AtomicDirectory(files, t, ifExists,
                new Path(t.getParent(), "." + t.getName() + "._tmp-" + UUID.randomUUID()));
        files.deleteRecursively(d.temp);
        return d;
    }

    /**
     * Like {@link #begin}, but the temporary sibling has a stable name, {@code <target>._work}, and whatever it holds
     * is kept: a later job finds it again (training checkpoints live there, so a killed job can resume). The caller
     * decides when to clear it ({@link #abort}).
     */
    public static AtomicDirectory resumable(HadoopFiles files, String target, String ifExists) {
        Path t = new Path(target);
        return new AtomicDirectory(files, t, ifExists, workDir(t));
    }

    /** The stable temporary sibling of {@link #resumable}. */
    public static Path workDir(Path target) {
        return new Path(target.getParent(), target.getName() + WORK_SUFFIX);
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

    /** Writes {@code _SUCCESS} and moves the directory into place (replacing an old one under overwrite/skip). */
    public void commit() {
        files.writeString(new Path(temp, SUCCESS), "");
        if (files.exists(target)) {
            if ("fail".equals(ifExists)) {
                abort();
                throw new SeqtrainException(ExitCode.OUTPUT_EXISTS, target + " appeared while the job ran (output.if_exists: fail)");
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
}
