package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole product in Spark local mode: {@code seqtrain run} on a smaller demo corpus, then {@code evaluate} on the
 * saved directory, then a rerun that must respect {@code output.if_exists}.
 */
class DemoRunEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runWritesACompleteModelDirectoryThatLearnedTheDemo(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model");
        String[] common = {"--set", "output.dir=" + model, "--set", "data.demo.documents=6000",
                "--set", "training.epochs=5", "--set", "training.workers=2"};
        CliRunner.Result r = CliRunner.run(concat(new String[]{"run", "spark-jobs/demo-sentiment.yaml"}, common));
        assertEquals(0, r.exitCode(), r.err());

        for (String f : List.of("model.zip", "tokenizer.json", "labels.json", "job.yaml", "history.json",
                "metrics.json", "summary.txt", "manifest.json", "curves.png", "_SUCCESS")) {
            assertTrue(Files.exists(model.resolve(f)), f + " missing in " + model);
        }
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("_tmp-")), "temporary sibling left behind");
        }
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        double accuracy = metrics.get("accuracy").asDouble();
        assertTrue(accuracy >= 0.90, "validation accuracy " + accuracy);
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(5, history.size());
        assertTrue(history.get(4).get("loss").asDouble() < history.get(0).get("loss").asDouble(), "loss must fall");
        assertTrue(Files.readString(model.resolve("summary.txt")).contains("Total params"));
        JsonNode status = JSON.readTree(r.statusLine());
        assertEquals("ok", status.get("status").asText());
        assertEquals(accuracy, status.get("metrics").get("accuracy").asDouble(), 1e-12);
        assertBinaryConfusion(metrics, metrics.get("examples").asLong());

        // the prepared data: Keras-style tokenizer.json and stats
        Path prepared = tmp.resolve("model.prepared");
        JsonNode tok = JSON.readTree(prepared.resolve("tokenizer.json").toFile());
        assertEquals("Tokenizer", tok.get("class_name").asText());
        byte[] histogram = Files.readAllBytes(prepared.resolve("length_histogram.png"));
        assertEquals("PNG", new String(histogram, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        JsonNode stats = JSON.readTree(prepared.resolve("stats.json").toFile());
        long trainDocs = stats.get("train").get("documents").asLong();
        long validationDocs = stats.get("validation").get("documents").asLong();
        assertEquals(6000, trainDocs + validationDocs);
        assertEquals(0.2, validationDocs / 6000.0, 0.03);

        // evaluate the saved directory on a fresh demo corpus (another seed): same tokenizer, executors score
        // (the last --set of a key wins: the evaluation corpus comes after the common settings)
        CliRunner.Result e = CliRunner.run(concat(concat(new String[]{"evaluate", "spark-jobs/demo-sentiment.yaml",
                "--report", tmp.resolve("eval").toString()}, common), new String[]{"--set", "data.demo.seed=99",
                "--set", "data.demo.documents=1000"}));
        assertEquals(0, e.exitCode(), e.err());
        JsonNode eval = JSON.readTree(tmp.resolve("eval/metrics.json").toFile());
        assertEquals(1000, eval.get("examples").asLong());
        assertTrue(eval.get("accuracy").asDouble() >= 0.88, "evaluate accuracy " + eval);
        assertBinaryConfusion(eval, 1000);

        // a rerun with if_exists=fail refuses before doing any work, and leaves the model as it was
        byte[] before = Files.readAllBytes(model.resolve("model.zip"));
        CliRunner.Result again = CliRunner.run(concat(new String[]{"run", "spark-jobs/demo-sentiment.yaml",
                "--set", "output.if_exists=fail"}, common));
        assertEquals(6, again.exitCode(), again.err());
        assertTrue(again.err().contains("already exists"), again.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model.resolve("model.zip"))));

        // skip: a complete directory is kept and the job reports "skipped"
        CliRunner.Result skipped = CliRunner.run(concat(new String[]{"train", "spark-jobs/demo-sentiment.yaml",
                "--set", "output.if_exists=skip"}, common));
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertEquals("skipped", JSON.readTree(skipped.statusLine()).get("status").asText());
        assertFalse(Files.exists(tmp.resolve("eval/_tmp")));
    }

    /** Binary keeps accuracy/precision/recall/f1/auc and gains its 2x2 matrix (rows true neg/pos). */
    private static void assertBinaryConfusion(JsonNode metrics, long examples) {
        JsonNode cm = metrics.get("confusion_matrix");
        assertEquals("[\"neg\",\"pos\"]", cm.get("labels").toString());
        JsonNode c = cm.get("counts");
        long tn = c.get(0).get(0).asLong(), fp = c.get(0).get(1).asLong();
        long fn = c.get(1).get(0).asLong(), tp = c.get(1).get(1).asLong();
        assertEquals(examples, tn + fp + fn + tp);
        assertEquals(metrics.get("accuracy").asDouble(), (double) (tp + tn) / examples, 1e-9);
        assertEquals(metrics.get("precision").asDouble(), tp + fp == 0 ? 0 : (double) tp / (tp + fp), 1e-9);
        assertEquals(metrics.get("recall").asDouble(), (double) tp / (tp + fn), 1e-9);
        assertEquals(metrics.get("recall").asDouble(), metrics.get("per_class").get("pos").get("recall").asDouble(), 1e-9);
        assertTrue(metrics.get("auc").asDouble() > 0.5);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
