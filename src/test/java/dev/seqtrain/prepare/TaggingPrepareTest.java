package dev.seqtrain.prepare;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prepare on CoNLL input: the output schema {@code (id, ids, tags, length, oov)}, ids and tags padded and truncated
 * alike with -1 marking untagged positions, tokens normalized whole (lower-cased, punctuation kept), the tag index
 * ({@code labels.json}, kind "tag"), and the text settings that cannot work for tagging rejected by key.
 */
class TaggingPrepareTest {
    private static final String TRAIN = """
            # doc = a
            The\tat
            DOG\tnn
            ,\t,
            barks\tvbz

            the\tat
            dog\tnn
            sleeps\tvbz
            .\t.

            """;
    private static final String VALIDATION = """
            The\tat
            cat\tnn
            barks\tuh

            """;

    private static JobSpec spec(Path tmp, String... overrides) throws Exception {
        Path train = Files.writeString(tmp.resolve("train.conll"), TRAIN);
        Path validation = Files.writeString(tmp.resolve("validation.conll"), VALIDATION);
        String yaml = """
                name: prep
                data: {format: conll, train: %s, validation: %s}
                text: {oov_token: "<OOV>", maxlen: 3, padding: post, truncating: pre}
                model:
                  layers:
                    - embedding: {output_dim: 4, mask_zero: true}
                    - lstm: {units: 4, return_sequences: true}
                    - dense: {units: 6, activation: softmax}
                output: {dir: %s}
                """.formatted(train.toUri(), validation.toUri(), tmp.resolve("model"));
        return JobSpecLoader.parse("prep.yaml", yaml, List.of(overrides));
    }

    @Test
    void writesIdsAndTagsPaddedAlike(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.session();
        PreparedData p = new PrepareJob(spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()))
                .run(spec(tmp, "text.maxlen=5"));

        assertEquals("tag", p.labels().kind());
        assertEquals(List.of(",", ".", "at", "nn", "vbz"), p.labels().labels());
        // lower-cased whole tokens, Keras order (count, then first occurrence); punctuation is a token
        assertEquals(List.of("<OOV>", "the", "dog", ",", "barks", "sleeps", "."),
                p.vocabulary().entriesByIndex().stream().map(c -> c.token()).toList());

        Dataset<Row> train = p.read(spark, p.trainPath());
        StructType schema = train.schema();
        assertEquals(List.of("id", "ids", "tags", "length", "oov"), List.of(schema.fieldNames()));
        // Parquet reads arrays back as nullable: compare element types
        assertEquals(DataTypes.IntegerType, ((ArrayType) schema.apply("ids").dataType()).elementType());
        assertEquals(DataTypes.IntegerType, ((ArrayType) schema.apply("tags").dataType()).elementType());
        assertEquals(DataTypes.IntegerType, schema.apply("length").dataType());

        Map<String, Row> byId = byId(train);
        Row first = byId.values().iterator().next();
        assertEquals(List.of(2, 3, 4, 5, 0), first.getList(1));          // the DOG , barks + post padding
        assertEquals(List.of(2, 3, 0, 4, -1), first.getList(2));         // at nn , vbz + no tag
        assertEquals(4, first.getInt(3));
        assertEquals(0, first.getInt(4));

        // validation: "cat" is OOV (id 1), "uh" is a tag training never saw (-1: not scored)
        Row v = p.read(spark, p.validationPath()).first();
        assertEquals(List.of(2, 1, 5, 0, 0), v.getList(1));
        assertEquals(List.of(2, 3, -1, -1, -1), v.getList(2));
        assertEquals(1, v.getInt(4));
        String stats = Files.readString(tmp.resolve("model.prepared").resolve("stats.json"));
        assertTrue(stats.contains("\"unknown_tags\" : 1"), stats);
    }

    @Test
    void truncatesIdsAndTagsAtTheSameEnd(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.session();
        PreparedData p = new PrepareJob(spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()))
                .run(spec(tmp)); // maxlen 3, truncating pre: the last 3 tokens stay
        List<List<Object>> ids = new ArrayList<>();
        List<List<Object>> tags = new ArrayList<>();
        for (Row r : byId(p.read(spark, p.trainPath())).values()) {
            ids.add(r.getList(1));
            tags.add(r.getList(2));
        }
        assertEquals(List.of(List.of(3, 4, 5), List.of(3, 6, 7)), ids);   // DOG , barks | dog sleeps .
        assertEquals(List.of(List.of(3, 0, 4), List.of(3, 4, 1)), tags);  // nn , vbz | nn vbz .
        String stats = Files.readString(tmp.resolve("model.prepared").resolve("stats.json"));
        assertTrue(stats.contains("\"truncated_tokens\" : 2"), stats);
    }

    @Test
    void rejectsTextSettingsThatBreakTokenTagAlignment(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.session();
        PrepareJob job = new PrepareJob(spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()));
        SpecException charLevel = assertThrows(SpecException.class,
                () -> job.run(spec(tmp, "text.char_level=true")));
        assertTrue(charLevel.getMessage().startsWith("text.char_level: not supported with data.format conll"),
                charLevel.getMessage());
        SpecException noOov = assertThrows(SpecException.class,
                () -> job.run(spec(tmp, "text.oov_token=null")));
        assertTrue(noOov.getMessage().startsWith("text.oov_token: required with data.format conll"), noOov.getMessage());
    }

    /** Rows by id: ids name file and line, so sorting them gives corpus order. */
    private static Map<String, Row> byId(Dataset<Row> rows) {
        Map<String, Row> out = new TreeMap<>();
        for (Row r : rows.collectAsList()) out.put(r.getString(0), r);
        return out;
    }
}
