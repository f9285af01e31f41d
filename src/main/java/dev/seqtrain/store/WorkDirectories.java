package dev.seqtrain.store;

import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The work directories of one output: {@code <dir>._work-<run id>}, one per training run, so two runs never share
 * checkpoints. {@code --resume} continues in the one holding the newest complete checkpoint. The {@code <dir>._work}
 * of earlier versions counts as one of them. Callers hold the output's {@link OutputLock} while they clear any.
 */
public final class WorkDirectories {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    public static final String WORK = "._work";
    public static final String BATCHES = "._batches";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final HadoopFiles files;
    private final Path target;

    public WorkDirectories(HadoopFiles files, String target) {
        this.files = files;
        this.target = AtomicDirectory.outputPath(files, target);
    }

    /** A new run id: sorts by start time, unique across hosts. */
    public static String newRunId() {
        return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The work directory of run {@code runId}. */
    public Path forRun(String runId) {
        return sibling(WORK + "-" + runId);
    }

    /** Where run {@code runId} exports its batches ({@code training.approach: export}). */
    public Path batchesForRun(String runId) {
        return sibling(BATCHES + "-" + runId);
    }

    /** Every work directory of this output, sorted by name (by start time for run ids). */
    public List<Path> all() {
        String name = target.getName();
        List<Path> out = new ArrayList<>();
        for (String n : files.listNames(target.getParent())) {
            if (n.equals(name + WORK) || n.startsWith(name + WORK + "-")) out.add(new Path(target.getParent(), n));
        }
        return out;
    }

    /** A work directory and the newest complete checkpoint in it. */
    public record Resumable(Path workDir, int epoch) {
    }

    /**
     * The work directory whose newest complete checkpoint was written last (its {@code _SUCCESS}), with that
     * checkpoint's epoch; empty when no work directory holds a complete checkpoint.
     */
    public Optional<Resumable> newestCheckpoint() {
        Resumable best = null;
        long bestTime = Long.MIN_VALUE;
        for (Path w : all()) {
            Checkpoints c = new Checkpoints(files, new Path(w, Checkpoints.DIR));
            OptionalInt latest = c.latest();
            if (latest.isEmpty()) continue;
            long t = files.modificationTime(new Path(c.path(latest.getAsInt()), AtomicDirectory.SUCCESS));
            if (t >= bestTime) {
                best = new Resumable(w, latest.getAsInt());
                bestTime = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Removes every work directory but {@code keep}: leftovers of earlier runs of this output. */
    public void removeAllBut(Path keep) {
        for (Path w : all()) {
            if (w.equals(keep)) continue;
            LOG.info("removing {} left by an earlier run (--resume would have continued from its checkpoints)", w);
            files.deleteRecursively(w);
        }
    }

    private Path sibling(String suffix) {
        return new Path(target.getParent(), target.getName() + suffix);
    }
}
