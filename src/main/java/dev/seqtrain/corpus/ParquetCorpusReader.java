package dev.seqtrain.corpus;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Parquet through Spark SQL, columns by name. Corpus order comes from Parquet's own row index inside each file
 * ({@code _metadata.row_index}), not from the scan's partition order; the id without an id column is
 * {@code file:row} (1-based row).
 */
final class ParquetCorpusReader {
    private static final String FILE = "__seqtrain_file";
    private static final String ROW = "__seqtrain_row";

    private ParquetCorpusReader() {
    }

    /** {@code numeric}: null for text; else the rows are numeric sequences from the feature column(s). */
    static JavaRDD<Parsed> read(SparkSession spark, DataSpec data, List<InputFile> files, boolean labelRequired,
                                NumericShape numeric) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(files.stream().map(InputFile::path).toArray(String[]::new));
        } catch (Exception e) {
            // Spark throws AnalysisException (checked in Java's eyes, undeclared) for unreadable Parquet
            if (!(e instanceof AnalysisException) && !(e.getCause() instanceof AnalysisException)) throw e;
            throw SeqtrainException.input("cannot read parquet input " + files.get(0).path() + ": " + e.getMessage(), e);
        }
        StructType schema = df.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        NumericColumns features = numeric == null ? null : numericColumns(schema, data, numeric, files);
        int text = numeric == null ? column(names, data.textColumn(), data.textColumnKey(), true, files) : -1;
        int label = column(names, data.labelColumn(), data.labelColumnKey(), labelRequired, files);
        int id = data.idColumn() == null ? -1 : column(names, data.idColumn(), "data.id_column", true, files);

        List<Column> select = new ArrayList<>();
        for (String name : names) select.add(col("`" + name.replace("`", "``") + "`"));
        select.add(col("_metadata.file_path").as(FILE));
        select.add(col("_metadata.row_index").as(ROW));
        Map<String, Long> ranks = new HashMap<>();
        for (InputFile f : files) ranks.put(normalize(f.path()), f.rank());
        int fileAt = names.size();
        return df.select(select.toArray(new Column[0])).javaRDD().map(row -> {
            String file = normalize(row.getString(fileAt));
            Long rank = ranks.get(file);
            if (rank == null) throw new IllegalStateException("row from an unlisted parquet file: " + file);
            long rowIndex = row.getLong(fileAt + 1);
            String location = file + ":" + (rowIndex + 1);
            long ord = CorpusSchemas.ord(rank, rowIndex);
            if (features != null) {
                return NumericRecords.check(location, ord, string(row, id), id >= 0,
                        () -> features.fromValues(row::get), string(row, label), labelRequired, features.shape(),
                        () -> raw(row, schema));
            }
            return ClassificationRecords.check(location, ord,
                    string(row, id), id >= 0, string(row, text), string(row, label), labelRequired,
                    () -> raw(row, schema));
        });
    }

    /**
     * The feature column(s), their types checked before any row is read: one column of an array of numbers, an array
     * of arrays of numbers, or a string; or one numeric (or string) column per number.
     */
    private static NumericColumns numericColumns(StructType schema, DataSpec data, NumericShape shape,
                                                 List<InputFile> files) {
        List<String> names = Arrays.asList(schema.fieldNames());
        if (data.featuresColumn() != null) {
            int at = column(names, data.featuresColumn(), "data.features_column", true, files);
            DataType type = schema.fields()[at].dataType();
            if (!(type instanceof StringType || type instanceof ArrayType a && numbers(a.elementType()))) {
                throw SeqtrainException.input(files.get(0).path() + ": column '" + data.featuresColumn()
                        + "' (data.features_column) is " + type.simpleString() + "; expected array<float|double> of "
                        + shape.describe() + ", array<array<float|double>> (" + shape.timesteps() + " steps of "
                        + shape.features() + "), or a string of numbers");
            }
            return new NumericColumns(new int[]{at}, List.of(data.featuresColumn()), true, shape);
        }
        List<String> cols = data.featureColumns();
        int[] at = new int[cols.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = column(names, cols.get(i), "data.feature_columns[" + i + "]", true, files);
            DataType type = schema.fields()[at[i]].dataType();
            if (!(type instanceof NumericType || type instanceof StringType)) {
                throw SeqtrainException.input(files.get(0).path() + ": column '" + cols.get(i)
                        + "' (data.feature_columns[" + i + "]) is " + type.simpleString() + "; expected a number");
            }
        }
        return new NumericColumns(at, cols, false, shape);
    }

    /** A number, or an array of numbers (one time step). */
    private static boolean numbers(DataType type) {
        return type instanceof NumericType || type instanceof ArrayType a && a.elementType() instanceof NumericType;
    }

    private static int column(List<String> names, String name, String key, boolean required, List<InputFile> files) {
        int index = names.indexOf(name);
        if (index < 0 && required) {
            throw SeqtrainException.input(files.get(0).path() + (files.size() > 1 ? " (and " + (files.size() - 1)
                    + " more files)" : "") + ": no column '" + name + "' (" + key + "); its columns are: "
                    + String.join(", ", names));
        }
        return index;
    }

    private static String string(Row row, int index) {
        if (index < 0 || row.isNullAt(index)) return null;
        return String.valueOf(row.get(index));
    }

    /** The input row as JSON (without the added file and row columns), for rejected rows. */
    private static String raw(Row row, StructType schema) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) values[i] = row.get(i);
        try {
            return new GenericRowWithSchema(values, schema).json();
        } catch (RuntimeException e) {
            return Arrays.toString(values);
        }
    }

    /** Spark reports files as URIs ("file:///x%20y"); listings print Hadoop paths ("file:/x y"). */
    private static String normalize(String path) {
        try {
            return new Path(new URI(path)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Path(path).toString();
        }
    }
}
