package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * spark-jobs/demo-seq2seq.yaml through the real CLI, needing no input: the generated number pairs prepared, trained on
 * Spark with 2 workers, then evaluated (exact match of greedy decoding) on pairs of held-out numbers, which training
 * never saw. Numbers up to 999 here (900 training numbers) to keep the test short; the demo itself goes to 9,999.
 */
class Seq2SeqDemoCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theDemoRunsEndToEndWithoutInput() throws IOException {
        Path model = dir.resolve("demo");
        CliRunner.Result r = CliRunner.run("run", "spark-jobs/demo-seq2seq.yaml", "--set", "output.dir=" + model,
                "--set", "data.demo.documents=3000", "--set", "data.demo.max_number=999", "--set", "training.epochs=4");
        assertEquals(0, r.exitCode(), r.err());
        Path report = dir.resolve("report");
        CliRunner.Result e = CliRunner.run("evaluate", "spark-jobs/demo-seq2seq.yaml", "--set", "output.dir=" + model,
                "--set", "data.demo.documents=300", "--set", "data.demo.max_number=999", "--set", "data.demo.seed=99",
                "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode m = JSON.readTree(report.resolve("metrics.json").toFile());
        assertEquals(300, m.get("examples").asInt());
        assertTrue(m.get("exact_match").asDouble() >= 0.9, m.toString());
    }
}
