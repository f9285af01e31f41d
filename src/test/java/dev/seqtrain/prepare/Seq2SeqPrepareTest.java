package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prepare on pairs: both tokenizers written, the source padded as text.source says, the decoder's input and output
 * shifted by one with the start and end tokens after the target vocabulary, both lengths, and the pairs that cannot be
 * trained (an empty side, a target too long for text.target.maxlen) in the rejected rows, naming the row.
 */
class Seq2SeqPrepareTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // word -> phonemes; "aa" has 3 phonemes: too long for maxlen 3 (2 + end token); "bb" has no target
    private static final String TRAIN = """
            word\tphonemes
            ab\tA B
            ba\tB A
            a\tA
            aa\tA A A
            bb\t
            """;

    private static JobSpec spec(Path tmp, String train, String... overrides) throws Exception {
        Path file = Files.writeString(tmp.resolve("train.tsv"), train);
        Path validation = Files.writeString(tmp.resolve("validation.tsv"), "word\tphonemes\nb\tB\n");
        String yaml = """
                name: pairs
                data: {format: tsv, train: %s, validation: %s, source_column: word, target_column: phonemes,
                       max_rejected_fraction: 0.5}
                text:
                  source: {char_level: true, maxlen: 3, padding: post}
                  target: {lower: false, maxlen: 3}
                model:
                  encoder: {layers: [{embedding: {output_dim: 4}}, {gru: {units: 4}}]}
                  decoder: {layers: [{embedding: {output_dim: 4}}, {gru: {units: 4}}]}
                output: {dir: %s}
                """.formatted(file.toUri(), validation.toUri(), tmp.resolve("model"));
        return JobSpecLoader.parse("pairs.yaml", yaml, List.of(overrides));
    }

    private static PreparedData prepare(JobSpec spec) {
        SparkSession spark = LocalSpark.session();
        return new PrepareJob(spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration())).run(spec);
    }

    @Test
    void writesBothVocabulariesAndTheShiftedDecoderSequences(@TempDir Path tmp) throws Exception {
        PreparedData p = prepare(spec(tmp, TRAIN));
        assertEquals(TaskKind.SEQ2SEQ, p.kind());
        // source: characters; target: phonemes, case kept; ids 1.. by count then first occurrence
        assertEquals(Map.of("a", 1, "b", 2), Map.of("a", p.vocabulary().index("a"), "b", p.vocabulary().index("b")));
        assertEquals(3, p.target().vocabulary().inputDim()); // padding, A, B
        assertEquals(3, p.target().sequences().endToken());
        assertEquals(4, p.target().sequences().startToken());

        SparkSession spark = LocalSpark.session();
        Map<String, Row> rows = new TreeMap<>();
        for (Row r : p.read(spark, p.trainPath()).collectAsList()) rows.put(r.getString(0), r);
        assertEquals(3, rows.size(), rows.keySet().toString());
        Row ab = row(rows, ":2");
        int a = p.target().vocabulary().index("A");
        int b = p.target().vocabulary().index("B");
        assertEquals(List.of(1, 2, 0), ab.getList(1)); // post-padded source
        assertEquals(2, ab.getInt(2));
        assertEquals(List.of(4, a, b), ab.getList(3)); // start, A, B
        assertEquals(List.of(a, b, 3), ab.getList(4)); // A, B, end: the input shifted by one
        assertEquals(2, ab.getInt(5));
        Row single = row(rows, ":4");
        assertEquals(List.of(4, a, 0), single.getList(3));
        assertEquals(List.of(a, 3, 0), single.getList(4));
        assertEquals(1, p.validationRows());

        Path dir = tmp.resolve("model.prepared");
        assertTrue(Files.exists(dir.resolve("tokenizer.json")));
        assertTrue(Files.exists(dir.resolve("target_tokenizer.json")));
        JsonNode stats = JSON.readTree(dir.resolve("stats.json").toFile());
        assertEquals(3, stats.at("/train/pairs").asInt());
        assertEquals(2, stats.at("/train/target/max_length").asInt());
        assertEquals(2, stats.at("/train/source/max_length").asInt());
        // what train reads back
        PreparedData loaded = PreparedData.load(new HadoopFiles(spark.sparkContext().hadoopConfiguration()), p.dir());
        assertEquals(p.target(), loaded.target());

        // the rejected pairs, each naming its row and why
        String rejected = Files.list(tmp.resolve("model.prepared.rejected"))
                .filter(f -> f.toString().endsWith(".json")).map(Seq2SeqPrepareTest::read)
                .collect(Collectors.joining());
        assertTrue(rejected.contains("train.tsv:5") && rejected.contains("longer than text.target.maxlen 3"), rejected);
        assertTrue(rejected.contains("train.tsv:6"), rejected);
    }

    @Test
    void aMissingColumnIsNamedByItsKey(@TempDir Path tmp) throws Exception {
        String message = assertThrows(SeqtrainException.class,
                () -> prepare(spec(tmp, TRAIN, "data.target_column=phones"))).getMessage();
        assertTrue(message.contains("no column 'phones' (data.target_column)"), message);
        assertFalse(Files.exists(tmp.resolve("model.prepared").resolve("_SUCCESS")));
    }

    private static Row row(Map<String, Row> rows, String lineSuffix) {
        return rows.entrySet().stream().filter(e -> e.getKey().endsWith(lineSuffix)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + lineSuffix + " in " + rows.keySet())).getValue();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
