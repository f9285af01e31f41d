package dev.seqtrain.cli;

import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad pairs through {@code seqtrain prepare} (spark-jobs/cmudict-g2p.yaml, target maxlen 4: at most 3 phonemes) in
 * each reader that treats them differently: an empty source, an empty or absent target and a target longer than
 * text.target.maxlen are rejected rows naming the row and the reason; a missing column fails the job naming its key,
 * with nothing written.
 */
class Seq2SeqBadInputCliTest {
    private static final String SPEC = "spark-jobs/cmudict-g2p.yaml";
    private static final String[][] GOOD = {{"cat", "K AE T"}, {"bat", "B AE T"}, {"tab", "T AE B"}, {"act", "AE K T"}};
    // rows 11..14 (1-based data rows) are bad: empty source, empty target, absent target, too long a target
    private static final String[][] BAD = {{"", "K AE T"}, {"dog", ""}, {"cow", null}, {"tackle", "T AE K AH L"}};

    @TempDir
    Path dir;

    private List<String[]> pairs() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) rows.add(GOOD[i % GOOD.length]);
        rows.addAll(List.of(BAD));
        for (int i = 0; i < 10; i++) rows.add(GOOD[i % GOOD.length]);
        return rows;
    }

    private Path write(String format, List<String[]> rows, String sourceName, String targetName) throws IOException {
        switch (format) {
            case "tsv" -> {
                StringBuilder sb = new StringBuilder(sourceName + "\t" + targetName + "\n");
                for (String[] r : rows) sb.append(r[0]).append(r[1] == null ? "" : "\t" + r[1]).append('\n');
                return Files.writeString(dir.resolve("pairs.tsv"), sb.toString());
            }
            case "jsonl" -> {
                StringBuilder sb = new StringBuilder();
                for (String[] r : rows) {
                    sb.append("{\"").append(sourceName).append("\": \"").append(r[0]).append('"');
                    if (r[1] != null) sb.append(", \"").append(targetName).append("\": \"").append(r[1]).append('"');
                    sb.append("}\n");
                }
                return Files.writeString(dir.resolve("pairs.jsonl"), sb.toString());
            }
            default -> {
                StructType schema = new StructType().add(sourceName, DataTypes.StringType)
                        .add(targetName, DataTypes.StringType);
                List<Row> data = rows.stream().map(r -> RowFactory.create(r[0], r[1])).toList();
                Path out = dir.resolve("pairs.parquet");
                LocalSpark.session().createDataFrame(data, schema).coalesce(1).write().parquet(out.toString());
                return out;
            }
        }
    }

    private CliRunner.Result prepare(String format, Path train, Path model, String... more) {
        List<String> args = new ArrayList<>(List.of("prepare", SPEC, "--set", "data.format=" + format,
                "--set", "data.train=" + train, "--set", "data.validation=", "--set", "data.validation_split=0.2",
                "--set", "text.target.maxlen=4", "--set", "output.dir=" + model));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsv", "jsonl", "parquet"})
    void badPairsAreRejectedRowsNamingRowAndReason(String format) throws IOException {
        Path train = write(format, pairs(), "word", "phonemes");
        // a TSV row's line counts the header
        int first = format.equals("tsv") ? 12 : 11;
        String source = "empty source (data.source_column 'word')";
        String target = "empty or missing target (data.target_column 'phonemes')";
        String tooLong = "target of 5 tokens is longer than text.target.maxlen 4 allows with the end token (3)";
        CliRunner.Result r = prepare(format, train, dir.resolve("model"), "--set", "data.max_rejected_fraction=0.5");
        assertEquals(0, r.exitCode(), r.err());
        List<String> rejected = rejectedRows(dir.resolve("model.prepared.rejected"));
        String file = "file:" + train;
        assertEquals(4, rejected.size(), rejected.toString());
        assertRejected(rejected.get(0), file, first, source);
        assertRejected(rejected.get(1), file, first + 1, target);
        // a TSV line without the target's field is a short row; JSON Lines and Parquet have no field or null
        assertRejected(rejected.get(2), file, first + 2, format.equals("tsv") ? "expected 2 fields, got 1" : target);
        assertRejected(rejected.get(3), file, first + 3, tooLong);

        // over data.max_rejected_fraction (1% by default): one message naming the first bad row and its reason
        CliRunner.Result strict = prepare(format, train, dir.resolve("strict"));
        assertEquals(3, strict.exitCode(), strict.err());
        String line = strict.err().lines().filter(l -> l.startsWith("seqtrain: error:")).findFirst().orElseThrow();
        assertTrue(line.contains("4 of 24 rows") && line.contains(":" + first + " (" + source + ")"), line);
        assertFalse(Files.exists(dir.resolve("strict.prepared")));
        assertFalse(Files.exists(dir.resolve("strict")));
    }

    private static void assertRejected(String json, String file, int row, String reason) {
        assertTrue(json.contains("\"source\":\"" + file) && json.contains(":" + row + "\",\"reason\":\"" + reason + "\""),
                "row " + row + " (" + reason + "): " + json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsv", "jsonl", "parquet"})
    void aMissingColumnFailsNamingItsKey(String format) throws IOException {
        CliRunner.Result r = prepare(format, write(format, pairs(), "word", "phones"), dir.resolve("model"));
        assertEquals(3, r.exitCode(), r.err());
        String line = r.err().lines().filter(l -> l.startsWith("seqtrain: error:")).findFirst().orElseThrow();
        // TSV headers and Parquet schemas are checked before any row; JSON Lines fields only row by row
        String expected = format.equals("jsonl")
                ? "no row has both data.source_column 'word' and data.target_column 'phonemes'"
                : "no column 'phonemes' (data.target_column)";
        assertTrue(line.contains(expected), line);
        assertFalse(Files.exists(dir.resolve("model.prepared")));
        assertFalse(Files.exists(dir.resolve("model")));
    }

    /** The rejected rows (JSON lines), in row order. */
    private static List<String> rejectedRows(Path rejected) throws IOException {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(rejected)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                rows.addAll(Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList());
            }
        }
        rows.sort(java.util.Comparator.comparingInt(Seq2SeqBadInputCliTest::row));
        return rows;
    }

    private static int row(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)\",\"reason\"").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
