package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The confusion matrix and per-class report of a multi-class model through the CLI in Spark local mode: {@code run}
 * puts them into the model directory's metrics.json (not into history.json), {@code evaluate} into its metrics.json
 * and, as aligned tables, into report.txt. Documents name their class with a keyword among filler words, except that
 * half of the "mixed" documents carry the "cats" keyword: the model cannot tell those apart, so the matrix has
 * off-diagonal counts where the data says it must.
 */
class MultiClassMetricsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLASSES = List.of("birds", "cats", "mixed");

    /** Writes {@code n} labelled documents; returns how many of each class it wrote. */
    private static Map<String, Integer> corpus(Path file, int n, long seed) throws Exception {
        Random rnd = new Random(seed);
        Map<String, Integer> counts = new TreeMap<>();
        StringBuilder sb = new StringBuilder("text\tlabel\n");
        for (int i = 0; i < n; i++) {
            String label = CLASSES.get(rnd.nextInt(3));
            String keyword = switch (label) {
                case "birds" -> "feather";
                case "cats" -> "whisker";
                default -> rnd.nextBoolean() ? "whisker" : "scale";
            };
            StringBuilder text = new StringBuilder();
            int words = 4 + rnd.nextInt(6);
            int at = rnd.nextInt(words);
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append(w == at ? keyword : "filler" + rnd.nextInt(30));
            }
            sb.append(text).append('\t').append(label).append('\n');
            counts.merge(label, 1, Integer::sum);
        }
        Files.writeString(file, sb.toString());
        return counts;
    }

    @Test
    void runAndEvaluateReportTheConfusionMatrix(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.tsv");
        corpus(train, 1200, 1);
        Path test = tmp.resolve("test.tsv");
        Map<String, Integer> testCounts = corpus(test, 300, 2);
        Path model = tmp.resolve("model");
        Path job = Files.writeString(tmp.resolve("classes.yaml"), """
                name: three-classes
                data:
                  format: tsv
                  train: %s
                  validation_split: 0.25
                text: {num_words: 100, oov_token: "<OOV>", maxlen: 10}
                model:
                  layers:
                    - embedding: {output_dim: 8, mask_zero: true}
                    - global_average_pooling1d: {}
                    - dense: {units: 3, activation: softmax}
                  optimizer: {name: adam, learning_rate: 0.05}
                training: {epochs: 3, batch_size_per_worker: 32, workers: 2}
                output: {dir: %s, if_exists: overwrite}
                """.formatted(train.toUri(), model));

        CliRunner.Result r = CliRunner.run("run", job.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertMatrixAgrees(metrics, metrics.get("examples").asLong());
        for (JsonNode epoch : JSON.readTree(model.resolve("history.json").toFile())) {
            assertNull(epoch.get("confusion_matrix"), "history.json stays numeric per epoch");
            epoch.fields().forEachRemaining(f -> assertTrue(f.getValue().isNumber(), f.getKey()));
        }

        Path report = tmp.resolve("report");
        CliRunner.Result e = CliRunner.run("evaluate", job.toString(), "--set", "data.test=" + test.toUri(),
                "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode evaluated = JSON.readTree(report.resolve("metrics.json").toFile());
        assertMatrixAgrees(evaluated, 300);
        JsonNode counts = evaluated.get("confusion_matrix").get("counts");
        for (int c = 0; c < 3; c++) {
            // rows are the true labels: each row holds exactly the test documents of that class
            assertEquals((long) testCounts.get(CLASSES.get(c)),
                    evaluated.get("per_class").get(CLASSES.get(c)).get("support").asLong(), CLASSES.get(c));
        }
        // the keywords separate birds; "mixed" documents with "whisker" look like cats: errors only there
        assertTrue(counts.get(0).get(0).asLong() >= 0.95 * testCounts.get("birds"), counts.toString());
        long mixedAsCats = counts.get(2).get(1).asLong() + counts.get(1).get(2).asLong();
        assertTrue(mixedAsCats > 0.1 * testCounts.get("mixed"), "the ambiguous documents must show up: " + counts);
        assertTrue(evaluated.get("per_class").get("birds").get("f1").asDouble() > 0.95, evaluated.toString());
        assertTrue(evaluated.get("per_class").get("cats").get("precision").asDouble() < 0.95, evaluated.toString());

        String text = Files.readString(report.resolve("report.txt"));
        String[] lines = text.split("\n");
        int header = -1;
        for (int i = 0; i < lines.length; i++) if (lines[i].startsWith("true \\ predicted")) header = i;
        assertTrue(header > 0, text);
        assertTrue(lines[header].matches("true \\\\ predicted\\s+birds\\s+cats\\s+mixed"), lines[header]);
        for (int c = 0; c < 3; c++) {
            String row = lines[header + 1 + c];
            assertTrue(row.startsWith(CLASSES.get(c)), row);
            assertEquals(lines[header].length(), row.length(), "aligned:\n" + text);
            String[] cells = row.trim().split("\\s+");
            for (int p = 0; p < 3; p++) assertEquals(counts.get(c).get(p).asLong(), Long.parseLong(cells[p + 1]), row);
        }
        assertTrue(text.contains("precision") && text.contains("support"), text);
    }

    /** Square over labels.json's classes, one count per example, diagonal share = the reported accuracy. */
    private static void assertMatrixAgrees(JsonNode metrics, long examples) {
        JsonNode cm = metrics.get("confusion_matrix");
        assertEquals("[\"birds\",\"cats\",\"mixed\"]", cm.get("labels").toString());
        assertEquals("true", cm.get("rows").asText());
        long total = 0;
        long diagonal = 0;
        for (int a = 0; a < 3; a++) {
            assertEquals(3, cm.get("counts").get(a).size());
            for (int p = 0; p < 3; p++) total += cm.get("counts").get(a).get(p).asLong();
            diagonal += cm.get("counts").get(a).get(a).asLong();
        }
        assertEquals(examples, total);
        assertEquals(metrics.get("accuracy").asDouble(), (double) diagonal / total, 1e-9);
        for (String c : CLASSES) {
            JsonNode pc = metrics.get("per_class").get(c);
            double p = pc.get("precision").asDouble();
            double rc = pc.get("recall").asDouble();
            assertEquals(p + rc == 0 ? 0 : 2 * p * rc / (p + rc), pc.get("f1").asDouble(), 1e-9, c);
        }
    }
}
