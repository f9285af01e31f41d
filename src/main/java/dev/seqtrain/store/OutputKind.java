package dev.seqtrain.store;

import org.apache.hadoop.fs.Path;

import java.util.List;

/**
 * The kinds of directory seqtrain writes, and how each is recognised as seqtrain's own: {@code _SUCCESS} plus the
 * files only seqtrain puts there. {@code output.if_exists: overwrite} replaces a directory only when it is recognised
 * (or empty); anything else at the path is somebody else's and is never deleted.
 */
public enum OutputKind {
    MODEL("model directory", "output.dir", ModelDirectory.MANIFEST),
    PREPARED("prepared data directory", "output.prepared_dir", "prepared.json"),
    PREDICTIONS("predictions directory", "--output", OutputKind.PREDICTIONS_MARKER),
    REPORT("evaluation report", "--report", ModelDirectory.METRICS, "report.txt");

    /** Written into a predictions directory: Spark's part files alone could be anybody's. */
    public static final String PREDICTIONS_MARKER = "_seqtrain_predictions";

    private final String description;
    private final String key;
    private final List<String> marks;

    OutputKind(String description, String key, String... marks) {
        this.description = description;
        this.key = key;
        this.marks = List.of(marks);
    }

    /** The spec key or option that names this output, for messages. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** Whether {@code dir} is a complete directory of this kind, written by seqtrain. */
    public boolean recognises(HadoopFiles files, Path dir) {
        if (!files.isDirectory(dir) || !files.exists(new Path(dir, AtomicDirectory.SUCCESS))) return false;
        return marks.stream().allMatch(m -> files.exists(new Path(dir, m)));
    }

    /** What a {@link #recognises recognised} directory must hold, for messages. */
    public String marks() {
        return AtomicDirectory.SUCCESS + " and " + String.join(", ", marks);
    }
}
