package dev.seqtrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of the CLI, without Spark: everything here fails or finishes before a session starts. */
class CliExitCodesTest {

    @Test
    void helpOnEverySubcommand() {
        for (String sub : new String[]{"run", "prepare", "train", "evaluate", "predict", "summary"}) {
            CliRunner.Result r = CliRunner.run(sub, "--help");
            assertEquals(0, r.exitCode(), sub);
            assertTrue(r.out().contains("Usage: seqtrain " + sub), r.out());
            assertTrue(r.out().contains("--set"), sub + " must document --set");
        }
    }

    @Test
    void noSubcommandOrUnknownOneIsUsageError() {
        assertEquals(2, CliRunner.run().exitCode());
        CliRunner.Result r = CliRunner.run("fly", "x.yaml");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("fly"), r.err());
    }

    @Test
    void badSpecValueIsOneLineWithFileAndKeyAndExitCode2() {
        CliRunner.Result r = CliRunner.run("run", "spark-jobs/demo-sentiment.yaml", "--set", "model.layers[1].units=-3");
        assertEquals(2, r.exitCode());
        assertEquals("seqtrain: error: spark-jobs/demo-sentiment.yaml: model.layers[1].units: must be > 0, got -3",
                r.err().strip());
        assertTrue(r.statusLine().contains("\"status\":\"failed\""), r.out());
        assertTrue(r.statusLine().contains("\"exit_code\":2"), r.out());
    }

    @Test
    void badLearningRateScheduleIsExitCode2NamingTheKeyBeforeSparkStarts() {
        CliRunner.Result r = CliRunner.run("train", "spark-jobs/demo-sentiment.yaml", "--set",
                "training.lr_schedule={type: piecewise_constant, boundaries: [2, 4], values: [0.01, 0.001]}");
        assertEquals(2, r.exitCode());
        assertEquals("seqtrain: error: spark-jobs/demo-sentiment.yaml: training.lr_schedule.values: needs one more "
                + "entry than boundaries (2 boundaries -> 3 values), got 2", r.err().strip());
        CliRunner.Result missing = CliRunner.run("run", "spark-jobs/demo-sentiment.yaml", "--set",
                "training.lr_schedule={type: cosine_decay}");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("training.lr_schedule.decay_epochs: required for type cosine_decay"), missing.err());
        CliRunner.Result type = CliRunner.run("run", "spark-jobs/demo-sentiment.yaml", "--set",
                "training.progress_seconds=soon");
        assertEquals(2, type.exitCode());
        assertTrue(type.err().contains("training.progress_seconds: expected a number, got 'soon'"), type.err());
    }

    @Test
    void missingSpecFile() {
        CliRunner.Result r = CliRunner.run("prepare", "spark-jobs/does-not-exist.yaml");
        assertEquals(2, r.exitCode());
        assertEquals("seqtrain: error: spark-jobs/does-not-exist.yaml: no such job spec file", r.err().strip());
    }

    @Test
    void predictRejectsAnUnknownOutputFormatBeforeSparkStarts(@TempDir Path dir) {
        CliRunner.Result r = CliRunner.run("predict", "spark-jobs/demo-sentiment.yaml",
                "--output", dir.resolve("out").toString(), "--format", "xml");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("'xml': expected parquet or csv"), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing may be written");
    }

    @Test
    void summaryPrintsKerasTable() {
        CliRunner.Result r = CliRunner.run("summary", "spark-jobs/demo-sentiment.yaml");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Layer (type)"), r.out());
        assertTrue(r.out().contains("Output Shape"), r.out());
        assertTrue(r.out().contains("Param #"), r.out());
        // Embedding(2000, 32) = 64,000; LSTM(64) on 32 = 4*64*(32+64+1) = 24,832; Dense(64 -> 1) = 65
        assertTrue(r.out().contains("Total params: 88,897"), r.out());
    }

    @Test
    void architectureProblemsAreCaughtBeforeSparkStarts() {
        CliRunner.Result r = CliRunner.run("run", "spark-jobs/demo-sentiment.yaml",
                "--set", "model.layers[1].return_sequences=true");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("seqtrain: error: spark-jobs/demo-sentiment.yaml: model.layers[2]: dense fed a sequence"),
                r.err());
    }

    @Test
    void prepareNeedsTrainingDataBeforeSparkStarts() {
        CliRunner.Result r = CliRunner.run("prepare", "spark-jobs/demo-sentiment.yaml", "--set", "data.format=tsv");
        assertEquals(2, r.exitCode());
        assertEquals("seqtrain: error: spark-jobs/demo-sentiment.yaml: data.train: required for format tsv: one path or a "
                + "list of paths", r.err().strip());
    }
}
