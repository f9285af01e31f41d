package dev.seqtrain.corpus;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.seqtrain.corpus.CorpusFixtures.id;
import static dev.seqtrain.corpus.CorpusFixtures.numeric;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numeric sequences from CSV, TSV, JSON Lines and Parquet: the good rows as time-major floats, the bad ones with file and reason. */
class NumericCorpusTest {
    private static final NumericShape SHAPE = new NumericShape(2, 2, false);
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    private static float[] features(Row r) {
        List<Float> l = r.getList(2);
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = l.get(i);
        return out;
    }

    private static Map<String, String> rejected(Corpus corpus) {
        return corpus.rejected().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    }

    @Test
    void csvPackedCellWithIdsAndBadRows() {
        Path csv = write(dir.resolve("s.csv"), String.join("\n",
                "key,x,y",
                "a,\"1 2 3 4\",up",
                "b,1 2 3,up",
                "c,1 2 three 4,down",
                "d,0.5 -1 2e1 4,",
                "e,5 6 7 8,down,extra",
                "f,9 10 11 12,down",
                ""));
        Corpus corpus = CorpusReaders.read(spark, numeric("csv", "x", List.of(), "y", "key", null),
                List.of(csv.toString()), true, SHAPE);
        List<Row> rows = ordered(corpus);
        assertEquals(List.of("a", "f"), rows.stream().map(r -> r.getString(0)).toList());
        assertArrayEquals(new float[]{1, 2, 3, 4}, features(rows.get(0)));
        assertEquals("up", rows.get(0).getString(3));
        assertEquals(Map.of(
                        id(csv, 3), "column 'x' has 3 numbers, expected timesteps 2 x features 2 = 4 numbers",
                        id(csv, 4), "column 'x' value 3 is not a finite number: 'three'",
                        id(csv, 5), "missing label",
                        id(csv, 6), "expected 3 fields, got 4"),
                rejected(corpus));
    }

    @Test
    void jsonLinesFlatNestedOrStringFieldsAndOneFieldPerNumber() {
        Path jsonl = write(dir.resolve("s.jsonl"), String.join("\n",
                "{\"key\": \"a\", \"x\": [1, 2, 3, 4], \"y\": \"up\"}",
                "{\"key\": \"b\", \"x\": [[1, 2], [3, 4.5]], \"y\": \"down\"}",
                "{\"key\": \"c\", \"x\": \"0.5 -1 2e1 4\", \"y\": \"up\"}",
                "",
                "{\"key\": \"d\", \"x\": [1, 2, 3], \"y\": \"up\"}",
                "{\"key\": \"e\", \"x\": [[1, 2], [3]], \"y\": \"up\"}",
                "{\"key\": \"f\", \"x\": [1, \"two\", 3, 4], \"y\": \"up\"}",
                "{\"key\": \"g\", \"y\": \"up\"}",
                "{\"key\": \"h\", \"x\": [1, 2, 3, 4], \"y\": [\"up\"]}",
                "{\"key\": \"i\", \"x\": [1, 2, null, 4], \"y\": \"up\"}",
                "[1, 2, 3, 4]",
                "{\"key\": \"j\", \"x\": [1, 2, 3, 4]}",
                ""));
        Corpus corpus = CorpusReaders.read(spark, numeric("jsonl", "x", List.of(), "y", "key", null),
                List.of(jsonl.toString()), true, SHAPE);
        List<Row> rows = ordered(corpus);
        assertEquals(List.of("a", "b", "c"), rows.stream().map(r -> r.getString(0)).toList());
        assertArrayEquals(new float[]{1, 2, 3, 4}, features(rows.get(0)));
        assertArrayEquals(new float[]{1, 2, 3, 4.5f}, features(rows.get(1)));
        assertArrayEquals(new float[]{0.5f, -1, 20, 4}, features(rows.get(2)));
        assertEquals("down", rows.get(1).getString(3));
        assertEquals(Map.of(
                        id(jsonl, 5), "column 'x' has 3 numbers, expected timesteps 2 x features 2 = 4 numbers",
                        id(jsonl, 6), "column 'x' step 2 has 1 numbers, expected 2 (model.input.features)",
                        id(jsonl, 7), "column 'x' value 2 is not a finite number: 'two'",
                        id(jsonl, 8), "missing field 'x'",
                        id(jsonl, 9), "field 'y' is not a scalar",
                        id(jsonl, 10), "column 'x' value 3 is not a finite number: 'null'",
                        id(jsonl, 11), "not a JSON object",
                        id(jsonl, 12), "missing label"),
                rejected(corpus));

        // one field per number, a regression target
        Path cols = write(dir.resolve("c.jsonl"), String.join("\n",
                "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"t\": 0.25}",
                "{\"a\": 1, \"b\": [2], \"c\": 3, \"d\": 4, \"t\": 1}",
                "{\"a\": 1, \"b\": 2, \"d\": 4, \"t\": 1}",
                "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"t\": \"high\"}",
                ""));
        Corpus byField = CorpusReaders.read(spark, numeric("jsonl", null, List.of("a", "b", "c", "d"), "t", null, null),
                List.of(cols.toString()), true, new NumericShape(2, 2, true));
        List<Row> good = ordered(byField);
        assertEquals(1, good.size());
        assertEquals(id(cols, 1), good.get(0).getString(0));
        assertArrayEquals(new float[]{1, 2, 3, 4}, features(good.get(0)));
        assertEquals("0.25", good.get(0).getString(3));
        assertEquals(Map.of(
                        id(cols, 2), "field 'b' is not a number",
                        id(cols, 3), "missing field 'c'",
                        id(cols, 4), "label 'high' is not a finite number (a regression target)"),
                rejected(byField));
    }

    @Test
    void tsvWithoutHeaderNamesColumnsByIndexOnePerNumber() {
        Path tsv = write(dir.resolve("s.tsv"), String.join("\n",
                "1.5\t1\t2\t3\t4",
                "-2\t5\t6\t\t8",
                "x\t9\t10\t11\t12",
                ""));
        // regression: the label (column 0) must be a number; features in columns 1-4, time-major
        Corpus corpus = CorpusReaders.read(spark, numeric("tsv", null, List.of("1", "2", "3", "4"), "0", null, false),
                List.of(tsv.toString()), true, new NumericShape(2, 2, true));
        List<Row> rows = ordered(corpus);
        assertEquals(1, rows.size());
        assertEquals(id(tsv, 1), rows.get(0).getString(0));
        assertArrayEquals(new float[]{1, 2, 3, 4}, features(rows.get(0)));
        assertEquals("1.5", rows.get(0).getString(3));
        assertEquals(Map.of(
                        id(tsv, 2), "column '3' is empty",
                        id(tsv, 3), "label 'x' is not a finite number (a regression target)"),
                rejected(corpus));
    }

    @Test
    void parquetArraysPerStepFlatOrOneColumnPerNumber() {
        StructType nested = new StructType()
                .add("x", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)))
                .add("y", DataTypes.DoubleType);
        List<Row> in = List.of(
                RowFactory.create(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)), 0.5),
                RowFactory.create(List.of(List.of(1.0, 2.0), List.of(3.0)), 1.0),
                RowFactory.create(List.of(List.of(1.0, 2.0), Arrays.asList(3.0, null)), 1.0),
                RowFactory.create(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0), List.of(5.0, 6.0)), 1.0),
                RowFactory.create(null, 1.0),
                RowFactory.create(List.of(List.of(5.0, 6.0), List.of(7.0, 8.0)), null));
        spark.createDataFrame(in, nested).coalesce(1).write().parquet(dir.resolve("nested").toString());
        Corpus corpus = CorpusReaders.read(spark, numeric("parquet", "x", List.of(), "y", null, null),
                List.of(dir.resolve("nested").toString()), true, new NumericShape(2, 2, true));
        List<Row> rows = ordered(corpus);
        assertEquals(1, rows.size());
        assertArrayEquals(new float[]{1, 2, 3, 4}, features(rows.get(0)));
        assertEquals("0.5", rows.get(0).getString(3));
        List<String> reasons = corpus.rejected().orderBy("source").collectAsList().stream()
                .map(r -> r.getString(0).replaceAll(".*\\.parquet:", "row ") + ": " + r.getString(1)).toList();
        assertEquals(List.of(
                "row 2: column 'x' step 2 has 1 numbers, expected 2 (model.input.features)",
                "row 3: column 'x' value 4 is not a finite number: 'null'",
                "row 4: column 'x' has 3 time steps, expected 2 (model.input.timesteps)",
                "row 5: column 'x' is null",
                "row 6: missing label"), reasons);

        StructType flat = new StructType()
                .add("x", DataTypes.createArrayType(DataTypes.FloatType))
                .add("a", DataTypes.IntegerType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.LongType).add("d", DataTypes.StringType)
                .add("y", DataTypes.StringType);
        spark.createDataFrame(List.of(
                        RowFactory.create(List.of(1f, 2f, 3f, 4f), 1, 2.0, 3L, "4", "up"),
                        RowFactory.create(List.of(1f, 2f, 3f), 1, 2.0, 3L, "four", "down")), flat)
                .coalesce(1).write().parquet(dir.resolve("flat").toString());
        Corpus packed = CorpusReaders.read(spark, numeric("parquet", "x", List.of(), "y", null, null),
                List.of(dir.resolve("flat").toString()), true, SHAPE);
        assertEquals(1, ordered(packed).size());
        assertTrue(rejected(packed).values().contains("column 'x' has 3 numbers, expected timesteps 2 x features 2 "
                + "= 4 numbers"), rejected(packed).toString());
        Corpus columns = CorpusReaders.read(spark, numeric("parquet", null, List.of("a", "b", "c", "d"), "y", null, null),
                List.of(dir.resolve("flat").toString()), true, SHAPE);
        List<Row> byColumn = ordered(columns);
        assertEquals(1, byColumn.size());
        assertArrayEquals(new float[]{1, 2, 3, 4}, features(byColumn.get(0)));
        assertTrue(rejected(columns).values().contains("column 'd' is not a finite number: 'four'"));
    }

    @Test
    void parquetColumnOfAnotherTypeIsAClearErrorBeforeAnyRow() {
        StructType schema = new StructType().add("x", DataTypes.IntegerType).add("y", DataTypes.StringType)
                .add("s", DataTypes.createStructType(List.of(DataTypes.createStructField("v", DataTypes.DoubleType, true))));
        spark.createDataFrame(List.of(RowFactory.create(1, "up", RowFactory.create(1.0))), schema).coalesce(1)
                .write().parquet(dir.resolve("p").toString());
        SeqtrainException e = assertThrows(SeqtrainException.class, () -> CorpusReaders.read(spark,
                numeric("parquet", "x", List.of(), "y", null, null), List.of(dir.resolve("p").toString()), true, SHAPE));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().endsWith(": column 'x' (data.features_column) is int; expected array<float|double> "
                + "of timesteps 2 x features 2 = 4 numbers, array<array<float|double>> (2 steps of 2), or a string of "
                + "numbers"), e.getMessage());
        SeqtrainException missing = assertThrows(SeqtrainException.class, () -> CorpusReaders.read(spark,
                numeric("parquet", null, List.of("x", "s", "q", "r"), "y", null, null),
                List.of(dir.resolve("p").toString()), true, SHAPE));
        assertTrue(missing.getMessage().endsWith(": column 's' (data.feature_columns[1]) is struct<v:double>; "
                + "expected a number"), missing.getMessage());
    }
}
