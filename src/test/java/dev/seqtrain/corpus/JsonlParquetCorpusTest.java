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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.seqtrain.corpus.CorpusFixtures.bzip2;
import static dev.seqtrain.corpus.CorpusFixtures.hadoopPath;
import static dev.seqtrain.corpus.CorpusFixtures.id;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.spec;
import static dev.seqtrain.corpus.CorpusFixtures.withMaxSplitBytes;
import static dev.seqtrain.corpus.CorpusFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON Lines and Parquet: fields by name, rejected rows, corpus order from the file, not the scan. */
class JsonlParquetCorpusTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    private static Map<String, String> rejected(Corpus corpus) {
        return corpus.rejected().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    }

    @Test
    void jsonlReadsFieldsAndRejectsBrokenLines() {
        Path jsonl = write(dir.resolve("train.jsonl"), String.join("\n",
                "{\"review\": \"fine \\\"film\\\"\", \"stars\": 5, \"key\": \"k1\"}",
                "{\"review\": \"bad\", \"stars\": 1, \"key\": \"k2\"",
                "",
                "[1, 2]",
                "{\"stars\": 3, \"key\": \"k3\"}",
                "{\"review\": \"no label\", \"key\": \"k4\"}",
                "{\"review\": {\"nested\": true}, \"stars\": 2, \"key\": \"k5\"}",
                "{\"review\": \"last\", \"stars\": \"4\", \"key\": \"k6\"} trailing",
                "{\"review\": \"ok\", \"stars\": 4, \"key\": \"k7\"}") + "\n");
        Corpus corpus = CorpusReaders.read(spark, spec("jsonl", "review", "stars", "key", null, null),
                List.of(jsonl.toString()));

        List<Row> rows = ordered(corpus);
        assertEquals(List.of("k1", "k7"), rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of("fine \"film\"", "ok"), rows.stream().map(r -> r.getString(2)).toList());
        assertEquals(List.of("5", "4"), rows.stream().map(r -> r.getString(3)).toList());
        assertEquals(List.of(0L, 8L), rows.stream().map(r -> r.getLong(1)).toList());
        Map<String, String> bad = rejected(corpus);
        assertEquals(6, bad.size());
        assertTrue(bad.get(id(jsonl, 2)).startsWith("invalid JSON: "), bad.get(id(jsonl, 2)));
        assertEquals("not a JSON object", bad.get(id(jsonl, 4)));
        assertEquals("missing field 'review'", bad.get(id(jsonl, 5)));
        assertEquals("missing label", bad.get(id(jsonl, 6)));
        assertEquals("field 'review' is not a string", bad.get(id(jsonl, 7)));
        assertTrue(bad.get(id(jsonl, 8)).startsWith("invalid JSON: "), bad.get(id(jsonl, 8)));
    }

    @Test
    void jsonlSplitsOfABzip2FileKeepLineIds() {
        StringBuilder content = new StringBuilder();
        for (int line = 1; line <= 3000; line++) {
            content.append("{\"text\": \"line ").append(line).append(' ').append(Integer.toHexString(line * 7919))
                    .append(" ").append(Long.toHexString(line * 2654435761L)).append("\", \"label\": \"l")
                    .append(line % 3).append("\"}\n");
        }
        Path file = bzip2(dir.resolve("many.jsonl.bz2"), content.toString());
        withMaxSplitBytes(spark, 2048, () -> {
            Corpus corpus = CorpusReaders.read(spark, spec("jsonl"), List.of(file.toString()));
            List<Row> rows = ordered(corpus);
            assertEquals(3000, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(id(file, i + 1), rows.get(i).getString(0));
                assertTrue(rows.get(i).getString(2).startsWith("line " + (i + 1) + " "));
            }
        });
    }

    private static void parquet(Path target, List<Row> rows, StructType schema) {
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(target.toString());
    }

    private static final StructType SCHEMA = new StructType()
            .add("body", DataTypes.StringType)
            .add("class", DataTypes.IntegerType)
            .add("extra", DataTypes.DoubleType);

    @Test
    void parquetReadsColumnsByNameInFileOrderAndRejectsNulls() {
        // the first file is small, the second big: Spark's scan packs the big one first
        List<Row> small = List.of(RowFactory.create("small one", 1, 0.5), RowFactory.create(null, 0, 1.5),
                RowFactory.create("small three", null, 2.5));
        List<Row> big = new ArrayList<>();
        for (int i = 0; i < 3000; i++) big.add(RowFactory.create("big " + i + " " + "x".repeat(i % 50), i % 2, (double) i));
        parquet(dir.resolve("p/a"), small, SCHEMA);
        parquet(dir.resolve("p/b"), big, SCHEMA);

        Corpus corpus = CorpusReaders.read(spark, spec("parquet", "body", "class", null, null, null),
                List.of(dir.resolve("p/*").toString()));
        List<Row> rows = ordered(corpus);
        assertEquals(3001, rows.size());
        assertEquals("small one", rows.get(0).getString(2));
        assertEquals("1", rows.get(0).getString(3));
        for (int i = 0; i < 3000; i++) assertTrue(rows.get(i + 1).getString(2).startsWith("big " + i + " "), "row " + i);
        assertTrue(rows.get(1).getString(0).matches(".*/p/b/part-.*\\.parquet:1"), rows.get(1).getString(0));
        assertEquals(1L << CorpusSchemas.ORD_FILE_SHIFT, rows.get(1).getLong(1), "file rank 1, row 0");

        List<Row> bad = corpus.rejected().orderBy("source").collectAsList();
        assertEquals(2, bad.size());
        assertEquals("empty text", bad.get(0).getString(1));
        assertTrue(bad.get(0).getString(0).endsWith(".parquet:2"), bad.get(0).getString(0));
        assertEquals("{\"body\":null,\"class\":0,\"extra\":1.5}", bad.get(0).getString(2));
        assertEquals("missing label", bad.get(1).getString(1));
    }

    @Test
    void parquetMissingColumnIsAClearError() {
        parquet(dir.resolve("q"), List.of(RowFactory.create("t", 1, 0.0)), SCHEMA);
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("parquet"), List.of(dir.resolve("q").toString())));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(hadoopPath(dir.resolve("q"))), e.getMessage());
        assertTrue(e.getMessage().endsWith(": no column 'text' (data.text_column); its columns are: body, class, extra"),
                e.getMessage());

        Corpus predict = CorpusReaders.read(spark, spec("parquet", "body", null, null, null, null),
                List.of(dir.resolve("q").toString()), false);
        assertNull(ordered(predict).get(0).get(3));
    }
}
