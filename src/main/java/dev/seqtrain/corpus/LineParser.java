package dev.seqtrain.corpus;

import java.io.Serializable;
import java.util.List;

/**
 * Parses the lines of one input split into records. A record may span lines (a CoNLL sentence): the reader then
 * feeds the lines after the split's end while {@link #open()} says the record is not finished.
 */
interface LineParser {

    /**
     * @param lineIndex 0-based line number inside the file
     * @param line      the line without its terminator
     */
    void line(long lineIndex, String line, List<Parsed> out);

    /**
     * A line whose bytes are not UTF-8, under {@code data.encoding_errors: strict}: the record holding it is rejected.
     * For one-line records that is the line itself.
     *
     * @param text   the line with each bad byte sequence as U+FFFD, for the rejected row's raw text
     * @param reason where the first bad byte is
     */
    default void malformed(long lineIndex, String text, String reason, InputFile file, List<Parsed> out) {
        out.add(Parsed.rejected(Lines.location(file.path(), lineIndex), reason, text));
    }

    /** Whether the last record fed is unfinished and needs the lines that follow. */
    boolean open();

    /** No more lines: emit what is still open. */
    void end(List<Parsed> out);

    /** Makes the parser of one split, on the executor. */
    interface Factory extends Serializable {
        /**
         * @param previousLineBlank whether the line before the split's first line is blank (true at the file start);
         *                          parsers of multi-line records skip the head of a record a previous split owns
         */
        LineParser create(InputFile file, boolean previousLineBlank);
    }
}
