package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.testing.LocalSpark;
import dev.seqtrain.testing.TaggedCorpusFixture;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sequence labelling through the CLI in Spark local mode: {@code seqtrain run} prepares a generated CoNLL corpus
 * (tags that need the left neighbour, see {@link TaggedCorpusFixture}), trains a bidirectional LSTM tagger with two
 * parameter-averaging workers and reports token accuracy; {@code evaluate} scores the saved model on a fresh corpus;
 * the confusion matrix over tags lands in both metrics.json files; {@code predict} tags CoNLL tokens (Parquet, with
 * tokens beyond maxlen left untagged and counted) and whitespace-tokenized raw text (CSV, one row per token).
 * A tagger blind to context stays near 0.75 on this corpus, so the bar of 0.95 needs the sequence model.
 */
class TaggingRunEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String spec(Path train, Path validation, Path model) {
        return """
                name: tiny-tagger
                data:
                  format: conll
                  train: %s
                  validation: %s
                  tag_column: 1
                text:
                  oov_token: "<OOV>"
                  lower: true
                  maxlen: 16
                  padding: post
                  truncating: post
                model:
                  layers:
                    - embedding: {output_dim: 16, mask_zero: true}
                    - bidirectional: {layer: {lstm: {units: 24, return_sequences: true}}}
                    - dense: {units: 5, activation: softmax}
                  loss: categorical_crossentropy
                  optimizer: {name: adam, learning_rate: 0.02}
                training:
                  epochs: 2
                  batch_size_per_worker: 16
                  averaging_frequency: 5
                  workers: 2
                  seed: 42
                output:
                  dir: %s
                  if_exists: overwrite
                """.formatted(train.toUri(), validation.toUri(), model);
    }

    @Test
    void runTrainsATaggerToHighTokenAccuracy(@TempDir Path tmp) throws Exception {
        Path train = TaggedCorpusFixture.write(tmp.resolve("train.conll"), 1500, 1);
        Path validation = TaggedCorpusFixture.write(tmp.resolve("validation.conll"), 300, 2);
        Path model = tmp.resolve("model");
        Path job = Files.writeString(tmp.resolve("tagger.yaml"), spec(train, validation, model));

        CliRunner.Result r = CliRunner.run("run", job.toString());
        assertEquals(0, r.exitCode(), r.err());

        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertEquals("tagging", metrics.get("task").asText());
        double accuracy = metrics.get("accuracy").asDouble();
        assertTrue(accuracy >= 0.95, "validation token accuracy " + accuracy);
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(2, history.size());
        assertTrue(history.get(1).get("val_accuracy").asDouble() > history.get(0).get("val_accuracy").asDouble() - 1e-9);
        // the final weights' validation is the last epoch's (one evaluation, not a second pass); its units: EvaluatorTest
        assertEquals(history.get(1).get("val_loss").asDouble(), metrics.get("loss").asDouble(), 1e-12);

        // run writes a prepare record beside the prepared data and a train record in the model, tied by the hash
        JsonNode preparedBy = JSON.readTree(model.resolveSibling("model.prepared").resolve("provenance.json").toFile());
        ProvenanceChecks.common(preparedBy, "prepare", "tiny-tagger");
        assertEquals(Files.size(train), ProvenanceChecks.input(preparedBy, "/train.conll").path("bytes").asLong());
        JsonNode trainedBy = JSON.readTree(model.resolve("provenance.json").toFile());
        ProvenanceChecks.common(trainedBy, "train", "tiny-tagger");
        assertEquals(preparedBy.path("prepared_data_sha256").asText(),
                trainedBy.path("prepared_data").path("sha256").asText());

        JsonNode labels = JSON.readTree(model.resolve("labels.json").toFile());
        assertEquals("tag", labels.get("kind").asText());
        // the task kind travels from prepare into the model directory, where evaluate and predict read it
        assertEquals("tagging", labels.path("task_kind").asText());
        assertEquals("tagging", JSON.readTree(model.resolveSibling("model.prepared").resolve("prepared.json").toFile())
                .path("task_kind").asText());
        assertEquals(".,A,B,C,D", String.join(",", JSON.convertValue(labels.get("labels"), String[].class)));

        // stats count sentences and tokens (each sentence: its words plus the final "."); tags per token
        JsonNode stats = JSON.readTree(model.resolveSibling("model.prepared").resolve("stats.json").toFile()).get("train");
        assertEquals(1500, stats.get("documents").asLong());
        assertEquals(1500, stats.get("tags").get(".").asLong());
        long tagged = 0;
        for (JsonNode n : stats.get("tags")) tagged += n.asLong();
        assertEquals(stats.get("tokens").asLong() - stats.get("truncated_tokens").asLong(), tagged);
        assertEquals(0, stats.get("oov_tokens").asLong());

        // the saved tagger on a corpus it never saw, through evaluate
        Path fresh = TaggedCorpusFixture.write(tmp.resolve("fresh.conll"), 300, 3);
        Path report = tmp.resolve("report");
        CliRunner.Result e = CliRunner.run("evaluate", job.toString(), "--set", "data.test=" + fresh.toUri(),
                "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode evaluated = JSON.readTree(report.resolve("metrics.json").toFile());
        assertEquals(300, evaluated.get("examples").asLong());
        assertTrue(evaluated.get("accuracy").asDouble() >= 0.95, "evaluate token accuracy " + evaluated);

        // the confusion matrix over tags: in the model's final metrics.json and in evaluate's, never in history.json
        assertTagConfusion(metrics, accuracy);
        assertTagConfusion(evaluated, evaluated.get("accuracy").asDouble());
        assertTrue(history.get(0).get("confusion_matrix") == null && !history.toString().contains("per_class"));
        String readable = Files.readString(report.resolve("report.txt"));
        assertTrue(readable.contains("true \\ predicted"), readable);
        assertTrue(readable.contains("precision"), readable);

        predictsConllTokens(job, tmp);
        predictsRawTextToCsv(job, tmp);
    }

    /**
     * predict tags raw CoNLL tokens (tag column ignored); sentences longer than maxlen 16 (truncating: post) keep their
     * last tokens untagged, and the status line counts them.
     */
    private static void predictsConllTokens(Path job, Path tmp) throws Exception {
        Path longer = TaggedCorpusFixture.write(tmp.resolve("long.conll"), 40, 4, 10, 24);
        Path parquet = tmp.resolve("predictions");
        CliRunner.Result p = CliRunner.run("predict", job.toString(), "--input", longer.toUri().toString(),
                "--output", parquet.toString());
        assertEquals(0, p.exitCode(), p.err());
        Map<String, List<String>> truth = conllTruth(longer);
        long expectedUntagged = 0;
        long expectedTokens = 0;
        for (String sentence : truth.keySet()) {
            int n = sentence.split(" ").length;
            expectedTokens += n;
            expectedUntagged += Math.max(0, n - 16);
        }
        assertTrue(expectedUntagged > 0, "the corpus must have sentences beyond maxlen");
        JsonNode counts = JSON.readTree(p.statusLine()).get("metrics");
        assertEquals(40, counts.get("predicted").asLong());
        assertEquals(expectedTokens, counts.get("tokens").asLong());
        assertEquals(expectedUntagged, counts.get("untagged_tokens").asLong());

        List<Row> rows = LocalSpark.session().read().parquet(parquet.toString()).collectAsList();
        assertEquals(40, rows.size());
        long right = 0;
        long tagged = 0;
        for (Row r : rows) {
            List<String> tokens = r.getList(r.fieldIndex("tokens"));
            List<String> tags = r.getList(r.fieldIndex("tags"));
            List<Double> probability = r.getList(r.fieldIndex("probability"));
            List<String> expected = truth.get(String.join(" ", tokens));
            assertTrue(expected != null, "tokens must come back as written: " + tokens);
            assertEquals(tokens.size(), tags.size());
            assertEquals(Math.max(0, tokens.size() - 16), r.getInt(r.fieldIndex("untagged")));
            for (int i = 0; i < tokens.size(); i++) {
                if (i >= 16) {
                    assertTrue(tags.get(i) == null && probability.get(i) == null, "beyond maxlen: " + r);
                    continue;
                }
                assertTrue(probability.get(i) > 0.2 && probability.get(i) <= 1.0, "probability " + r);
                tagged++;
                if (tags.get(i).equals(expected.get(i))) right++;
            }
        }
        assertTrue(right >= 0.95 * tagged, "predicted tags right on " + right + " of " + tagged);

    }

    /** Raw text, one whitespace-tokenized sentence per TSV row, to CSV: one row per token. */
    private static void predictsRawTextToCsv(Path job, Path tmp) throws Exception {
        StringBuilder tsv = new StringBuilder("text\n");
        List<String> expectedTags = new java.util.ArrayList<>();
        java.util.Random rnd = new java.util.Random(5);
        for (int s = 0; s < 30; s++) {
            int prev = -1;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4 + rnd.nextInt(8); i++) {
                int w = rnd.nextInt(20);
                line.append(i == 0 ? "" : " ").append(rnd.nextBoolean() ? "W" : "w").append(w);
                expectedTags.add(TaggedCorpusFixture.tag(w, prev));
                prev = w;
            }
            tsv.append(line).append("  .\n");
            expectedTags.add(".");
        }
        Path text = Files.writeString(tmp.resolve("raw.tsv"), tsv.toString());
        Path csv = tmp.resolve("predictions-csv");
        CliRunner.Result c = CliRunner.run("predict", job.toString(), "--set", "data.format=tsv",
                "--input", text.toUri().toString(), "--output", csv.toString(), "--format", "csv");
        assertEquals(0, c.exitCode(), c.err());
        List<Row> perToken = LocalSpark.session().read().option("header", "true").csv(csv.toString())
                // ids are file:line: sentence order is the line number
                .orderBy(org.apache.spark.sql.functions.substring_index(org.apache.spark.sql.functions.col("id"), ":", -1)
                                .cast("int"),
                        org.apache.spark.sql.functions.col("position").cast("int")).collectAsList();
        assertEquals(List.of("id", "position", "token", "tag", "probability"),
                List.of(perToken.get(0).schema().fieldNames()));
        assertEquals(expectedTags.size(), perToken.size());
        long csvRight = 0;
        for (int i = 0; i < perToken.size(); i++) {
            if (perToken.get(i).getString(3).equals(expectedTags.get(i))) csvRight++;
        }
        assertTrue(csvRight >= 0.95 * perToken.size(), "CSV tags right on " + csvRight + " of " + perToken.size());
        assertEquals(".", perToken.get(perToken.size() - 1).getString(2));
    }

    /** Tag counts: every scored token once; the diagonal is the token accuracy; rows follow labels.json. */
    private static void assertTagConfusion(JsonNode metrics, double accuracy) {
        JsonNode cm = metrics.get("confusion_matrix");
        assertEquals("[\".\",\"A\",\"B\",\"C\",\"D\"]", cm.get("labels").toString());
        long total = 0;
        long diagonal = 0;
        for (int a = 0; a < 5; a++) {
            long row = 0;
            for (int q = 0; q < 5; q++) row += cm.get("counts").get(a).get(q).asLong();
            String tag = cm.get("labels").get(a).asText();
            assertEquals(row, metrics.get("per_class").get(tag).get("support").asLong(), tag);
            total += row;
            diagonal += cm.get("counts").get(a).get(a).asLong();
        }
        assertEquals(accuracy, (double) diagonal / total, 1e-9);
        // every sentence ends with "." tagged ".": its support is the number of sentences
        assertEquals(metrics.get("examples").asLong(), metrics.get("per_class").get(".").get("support").asLong());
    }

    /** Sentence (tokens joined by spaces) -> tags, read back from a CoNLL file. */
    private static Map<String, List<String>> conllTruth(Path conll) throws java.io.IOException {
        Map<String, List<String>> out = new java.util.HashMap<>();
        List<String> tokens = new java.util.ArrayList<>();
        List<String> tags = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(conll)) {
            if (line.isBlank()) {
                if (!tokens.isEmpty()) out.put(String.join(" ", tokens), List.copyOf(tags));
                tokens.clear();
                tags.clear();
            } else if (!line.startsWith("#")) {
                String[] f = line.split("\t");
                tokens.add(f[0]);
                tags.add(f[1]);
            }
        }
        return out;
    }
}
