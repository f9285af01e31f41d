package dev.seqtrain.corpus;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

/** Parses one CSV file, streaming, into classification (or numeric) rows and rejected rows. */
final class CsvFileParser implements WholeFileReader.FileParser {
    private static final long serialVersionUID = 1L;
    /** Bounds the memory one broken record (an unbalanced quote) can take. */
    static final int MAX_RECORD_CHARS = 10_000_000;

    private final Map<Long, ColumnLayout> layouts;
    private final char delimiter;
    private final boolean labelRequired;
    private final boolean strictUtf8;

    CsvFileParser(Map<Long, ColumnLayout> layouts, char delimiter, boolean labelRequired, boolean strictUtf8) {
        this.layouts = layouts;
        this.delimiter = delimiter;
        this.labelRequired = labelRequired;
        this.strictUtf8 = strictUtf8;
    }

    @Override
    public Iterator<Parsed> parse(InputFile file, Configuration conf) throws IOException {
        ColumnLayout layout = layouts.get(file.rank());
        if (layout == null) return Collections.emptyIterator();
        Utf8Reader in = CompressedFiles.openText(conf, file.path());
        TaskContext task = TaskContext.get();
        if (task != null) task.addTaskCompletionListener((TaskCompletionListener) context -> closeQuietly(in));
        CsvRecordParser records = new CsvRecordParser(in, delimiter, MAX_RECORD_CHARS);
        if (layout.header()) records.next();
        return new LazyIterator<>() {
            @Override
            protected Parsed computeNext() {
                try {
                    in.markErrors();
                    CsvRecordParser.Record r = records.next();
                    if (r == null) {
                        in.close();
                        return null;
                    }
                    if (strictUtf8 && in.firstErrorSinceMark() >= 0) {
                        return Parsed.rejected(Lines.location(file.path(), r.startLine()),
                                Lines.invalidUtf8(in.firstErrorSinceMark(), "of the file"), r.raw());
                    }
                    return toParsed(file, layout, r);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file.path(), e);
                }
            }
        };
    }

    private static void closeQuietly(java.io.Closeable in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the task is over; a failed close loses nothing
        }
    }

    private Parsed toParsed(InputFile file, ColumnLayout layout, CsvRecordParser.Record r) {
        String location = Lines.location(file.path(), r.startLine());
        if (r.error() != null) return Parsed.rejected(location, r.error(), r.raw());
        if (r.fields().size() != layout.fieldCount()) {
            return Parsed.rejected(location, "expected " + layout.fieldCount() + " fields, got " + r.fields().size(), r.raw());
        }
        return layout.record(location, CorpusSchemas.ord(file.rank(), r.startLine()), r.fields(), labelRequired,
                r::raw);
    }
}
