package dev.seqtrain.corpus;

import java.io.Serializable;

/**
 * How the parsing pass reads one split.
 *
 * @param file              the split's file
 * @param lineOffset        the file line number of the split's first line
 * @param previousLineBlank whether the line before the split's first line is blank (true at the file start)
 * @param end               the byte offset where the split ends: later lines continue an unfinished record
 */
record SplitPlan(InputFile file, long lineOffset, boolean previousLineBlank, long end) implements Serializable {

    static String key(String path, long start) {
        return start + "@" + path;
    }

    boolean hasMoreAfter() {
        return end < file.length();
    }
}
