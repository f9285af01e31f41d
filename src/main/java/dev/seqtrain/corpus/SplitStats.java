package dev.seqtrain.corpus;

import java.io.Serializable;

/**
 * What the counting pass learns about one input split: how many lines it yields and whether its last line is
 * blank. A plain class, not a record: task results go through Kryo when it is Spark's serializer, and Kryo cannot
 * set a record's fields.
 */
final class SplitStats implements Serializable {
    private static final long serialVersionUID = 1L;

    final String path;
    final long start;
    final long lines;
    final boolean lastLineBlank;

    SplitStats(String path, long start, long lines, boolean lastLineBlank) {
        this.path = path;
        this.start = start;
        this.lines = lines;
        this.lastLineBlank = lastLineBlank;
    }

    String key() {
        return SplitPlan.key(path, start);
    }
}
