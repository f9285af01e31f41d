package dev.seqtrain.corpus;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 parser: fields separated by one delimiter character, quoted fields may hold the delimiter,
 * line breaks and doubled quotes ({@code ""}). Lenient where data is commonly sloppy: a quote inside an unquoted
 * field is kept as text. Broken records (unterminated quote, text after a closing quote, a record longer than the
 * limit) come back with an error instead of stopping the file. CR LF, LF and a lone CR all end a line; line breaks
 * inside quoted fields come back as LF.
 */
final class CsvRecordParser {
    /** Fields of one record, the 0-based line it starts on, and the first characters of its text. */
    record Record(long startLine, List<String> fields, String error, String raw) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final char delimiter;
    private final int maxRecordChars;
    private long line;
    /** The last character was a CR: an LF right after it ends the same line. */
    private boolean afterCr;
    /** Whether the last character read ended a line: then the end of the input starts no further line. */
    private boolean atLineStart = true;

    CsvRecordParser(Reader in, char delimiter, int maxRecordChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or null at the end of the input. Blank lines are skipped. */
    Record next() throws IOException {
        while (true) {
            long start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            StringBuilder raw = new StringBuilder();
            String error = null;
            long recordChars = 0;
            long quoteLine = -1;
            State state = State.FIELD_START;
            int c = read();
            if (c == -1) return null;
            if (c == '\n') continue;
            while (true) {
                if (c != -1 && raw.length() < CorpusSchemas.MAX_RAW_CHARS) raw.append((char) c);
                if (c == -1) {
                    // the cause, even if the swallowed text also made the record too long
                    if (state == State.QUOTED) error = unterminated(quoteLine);
                    fields.add(field.toString());
                    break;
                }
                if (c == '\n' && state != State.QUOTED) {
                    fields.add(field.toString());
                    break;
                }
                switch (state) {
                    case FIELD_START -> {
                        if (c == '"') {
                            state = State.QUOTED;
                            quoteLine = line;
                        } else if (c == delimiter) fields.add("");
                        else {
                            field.append((char) c);
                            state = State.UNQUOTED;
                        }
                    }
                    case UNQUOTED -> {
                        if (c == delimiter) {
                            fields.add(field.toString());
                            field.setLength(0);
                            state = State.FIELD_START;
                        } else {
                            field.append((char) c);
                        }
                    }
                    case QUOTED -> {
                        if (c == '"') state = State.QUOTE_IN_QUOTED;
                        else field.append((char) c);
                    }
                    case QUOTE_IN_QUOTED -> {
                        if (c == '"') {
                            field.append('"');
                            state = State.QUOTED;
                        } else if (c == delimiter) {
                            fields.add(field.toString());
                            field.setLength(0);
                            state = State.FIELD_START;
                        } else {
                            if (error == null) error = "text after a closing quote";
                            field.append((char) c);
                            state = State.UNQUOTED;
                        }
                    }
                }
                if (++recordChars > maxRecordChars) {
                    // keep consuming the record (quotes decide where it ends) but stop holding it in memory
                    if (error == null) error = "record longer than " + maxRecordChars + " characters";
                    field.setLength(0);
                }
                c = read();
            }
            if (raw.length() > 0 && raw.charAt(raw.length() - 1) == '\n') raw.setLength(raw.length() - 1);
            return new Record(start, error == null ? fields : List.of(), error, raw.toString());
        }
    }

    /** The reason for a quote still open at the end of the input: it took every line after it into one field. */
    private String unterminated(long quoteLine) {
        long lines = line - (atLineStart ? 1 : 0) - quoteLine + 1;
        return "unterminated quote starting at line " + (quoteLine + 1) + " swallowed " + lines
                + (lines == 1 ? " line" : " lines") + " (to the end of the file)";
    }

    /**
     * The next character with CR LF and lone CR turned into LF, counting lines. Never reads past the character it
     * returns (the LF of a CR LF is skipped on the next call), so the decoder's bad bytes stay with their record.
     */
    private int read() throws IOException {
        int c = in.read();
        if (afterCr) {
            afterCr = false;
            if (c == '\n') c = in.read();
        }
        if (c == '\r') {
            afterCr = true;
            c = '\n';
        }
        if (c == '\n') line++;
        if (c != -1) atLineStart = c == '\n';
        return c;
    }
}
