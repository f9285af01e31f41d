package dev.seqtrain.corpus;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.EncodingErrors;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the spec's column names against each delimited file's header, on the driver (it reads one record per
 * file), so a missing column fails before any Spark job with the file, the column and the header's columns.
 */
final class DelimitedHeaders {

    /** Reads the first record of a file, or null for an empty file. */
    interface FirstRecord {
        List<String> read(Reader in) throws IOException;
    }

    private DelimitedHeaders() {
    }

    /**
     * The layout of every non-empty file, by file rank (empty files have none: they hold no rows); {@code numeric}
     * (null for text) looks for the feature columns instead of the text column.
     */
    static Map<Long, ColumnLayout> resolve(Configuration conf, List<InputFile> files, DataSpec data,
                                           boolean labelRequired, NumericShape numeric, FirstRecord firstRecord) {
        Map<Long, ColumnLayout> layouts = new HashMap<>();
        for (InputFile file : files) {
            List<String> first;
            try (Utf8Reader in = CompressedFiles.openText(conf, file.path())) {
                first = firstRecord.read(in);
                if (first != null && data.header() && in.firstErrorSinceMark() >= 0
                        && data.encodingErrors() == EncodingErrors.STRICT) {
                    throw SeqtrainException.input(file.path() + ":1: the header is not UTF-8 ("
                            + Lines.invalidUtf8(in.firstErrorSinceMark(), "of the file")
                            + "); fix the file or set data.encoding_errors: replace");
                }
            } catch (IOException e) {
                throw SeqtrainException.input("cannot read " + file.path() + ": " + e.getMessage(), e);
            }
            if (first == null) continue;
            layouts.put(file.rank(), data.header()
                    ? byName(file.path(), first, data, labelRequired, numeric)
                    : byIndex(file.path(), first.size(), data, labelRequired, numeric));
        }
        return layouts;
    }

    private static ColumnLayout byName(String file, List<String> header, DataSpec data, boolean labelRequired,
                                       NumericShape numeric) {
        List<String> names = header.stream().map(String::strip).toList();
        ColumnFinder finder = (name, key) -> column(file, names, name, key, true);
        NumericColumns features = numeric == null ? null : numericColumns(data, numeric, finder);
        int text = numeric == null ? finder.find(data.textColumn(), data.textColumnKey()) : -1;
        int label = column(file, names, data.labelColumn(), data.labelColumnKey(), labelRequired);
        int id = data.idColumn() == null ? -1 : finder.find(data.idColumn(), "data.id_column");
        return new ColumnLayout(text, label, id, names.size(), true, features);
    }

    /** A column's index by the name a spec key gives (or by a 0-based index without a header). */
    private interface ColumnFinder {
        int find(String name, String key);
    }

    private static NumericColumns numericColumns(DataSpec data, NumericShape shape, ColumnFinder finder) {
        if (data.featuresColumn() != null) {
            int at = finder.find(data.featuresColumn(), "data.features_column");
            return new NumericColumns(new int[]{at}, List.of(data.featuresColumn()), true, shape);
        }
        List<String> cols = data.featureColumns();
        int[] at = new int[cols.size()];
        for (int i = 0; i < at.length; i++) at[i] = finder.find(cols.get(i), "data.feature_columns[" + i + "]");
        return new NumericColumns(at, cols, false, shape);
    }

    private static int column(String file, List<String> names, String name, String key, boolean required) {
        int index = names.indexOf(name);
        if (index < 0 && required) {
            throw SeqtrainException.input(file + ": no column '" + name + "' (" + key + ") in the header; its columns are: "
                    + String.join(", ", names));
        }
        return index;
    }

    private static ColumnLayout byIndex(String file, int fieldCount, DataSpec data, boolean labelRequired,
                                        NumericShape numeric) {
        ColumnFinder finder = (name, key) -> index(file, fieldCount, name, key, true);
        NumericColumns features = numeric == null ? null : numericColumns(data, numeric, finder);
        int text = numeric == null ? finder.find(data.textColumn(), data.textColumnKey()) : -1;
        int label = index(file, fieldCount, data.labelColumn(), data.labelColumnKey(), labelRequired);
        int id = data.idColumn() == null ? -1 : finder.find(data.idColumn(), "data.id_column");
        return new ColumnLayout(text, label, id, fieldCount, false, features);
    }

    private static int index(String file, int fieldCount, String value, String key, boolean required) {
        int index;
        try {
            index = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            if (!required) return -1;
            throw new SpecException(key + ": data.header is false, so columns are 0-based indexes, got '" + value + "'");
        }
        if (index < 0 || index >= fieldCount) {
            if (!required) return -1;
            throw SeqtrainException.input(file + ": " + key + " " + index + " is out of range: the first line has "
                    + fieldCount + " fields");
        }
        return index;
    }
}
