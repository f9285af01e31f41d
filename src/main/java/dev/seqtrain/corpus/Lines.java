package dev.seqtrain.corpus;

import org.apache.hadoop.io.Text;

/**
 * The blank-line test, on decoded text and on raw UTF-8 bytes alike: only ASCII whitespace counts, which never
 * occurs inside a multi-byte UTF-8 sequence, so both forms agree.
 */
final class Lines {

    private Lines() {
    }

    static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!isSpace(line.charAt(i))) return false;
        }
        return true;
    }

    static boolean isBlank(Text line) {
        byte[] bytes = line.getBytes();
        for (int i = 0; i < line.getLength(); i++) {
            if (!isSpace((char) bytes[i])) return false;
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B';
    }

    /** The reason a row is rejected for bytes that are not UTF-8: {@code where} is "of the line", "of the file". */
    static String invalidUtf8(long byteOffset, String where) {
        return "invalid UTF-8 at byte " + (byteOffset + 1) + " " + where;
    }

    /** {@code file:line} with a 1-based line number: the id and source of a record that starts at lineIndex. */
    static String location(String file, long lineIndex) {
        return file + ":" + (lineIndex + 1);
    }
}
