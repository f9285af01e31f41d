package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.OutputLock;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every output (model directory, prepared data, predictions, evaluation report) follows output.if_exists and replaces
 * only what seqtrain wrote; a job whose output is locked by another fails at once (or skips). Through the real CLI.
 */
class OutputSafetyEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path shared;
    private static Path model;

    /** One small trained model for predict and evaluate. */
    @BeforeAll
    static void trainOnce() throws Exception {
        shared = Files.createTempDirectory("seqtrain-output-safety");
        model = shared.resolve("model");
        CliRunner.Result r = demo("run", model, "--set", "output.if_exists=overwrite");
        assertEquals(0, r.exitCode(), r.err());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (Stream<Path> s = Files.walk(shared)) {
            s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void trainingRefusesToReplaceAUsersFileOrDirectory(@TempDir Path tmp) throws Exception {
        for (Path target : userThings(tmp)) {
            CliRunner.Result r = demo("run", target, "--set", "output.if_exists=overwrite");
            assertRefused(r, target, "model directory (no _SUCCESS and manifest.json)", "overwrite");
            assertFalse(Files.exists(Path.of(target + ".prepared")), "refused before any work");
        }
        assertUserThingsIntact(tmp);
        assertEquals(List.of("notes.txt", "photos"), names(tmp), "no lock, work or temporary directory left");
    }

    @Test
    void prepareRefusesToReplaceAUsersDirectory(@TempDir Path tmp) throws Exception {
        userThings(tmp);
        CliRunner.Result r = demo("prepare", tmp.resolve("model"), "--set", "output.if_exists=overwrite",
                "--set", "output.prepared_dir=" + tmp.resolve("photos"));
        assertRefused(r, tmp.resolve("photos"), "prepared data directory (no _SUCCESS and prepared.json)", "overwrite");
        assertUserThingsIntact(tmp);
    }

    @Test
    void predictRefusesToReplaceAUsersDirectory(@TempDir Path tmp) throws Exception {
        userThings(tmp);
        CliRunner.Result r = demo("predict", model, "--set", "output.if_exists=overwrite",
                "--output", tmp.resolve("photos").toString());
        assertRefused(r, tmp.resolve("photos"), "predictions directory (no _SUCCESS and _seqtrain_predictions)",
                "overwrite");
        assertUserThingsIntact(tmp);
    }

    @Test
    void evaluateReportFollowsIfExists(@TempDir Path tmp) throws Exception {
        userThings(tmp);
        Path photos = tmp.resolve("photos");
        CliRunner.Result r = demo("evaluate", model, "--set", "output.if_exists=overwrite", "--report", photos.toString());
        assertRefused(r, photos, "evaluation report (no _SUCCESS and metrics.json, report.txt)", "overwrite");
        CliRunner.Result failing = demo("evaluate", model, "--set", "output.if_exists=fail", "--report", photos.toString());
        assertEquals(6, failing.exitCode(), failing.err());
        assertEquals("seqtrain: error: " + photos + " already exists (output.if_exists: fail); set output.if_exists to"
                + " overwrite or skip, or choose another --report", failing.err().strip());
        assertUserThingsIntact(tmp);

        // "." is the working directory (this project), not a report; it used to end in a NullPointerException
        CliRunner.Result dot = demo("evaluate", model, "--set", "output.if_exists=overwrite", "--report", ".");
        assertEquals(6, dot.exitCode(), dot.err());
        assertTrue(dot.err().strip().startsWith("seqtrain: error: . exists and is not a seqtrain evaluation report"), dot.err());
        assertTrue(Files.exists(Path.of("pom.xml")));

        // a report of its own is replaced under overwrite and kept under skip
        Path report = tmp.resolve("report");
        assertEquals(0, demo("evaluate", model, "--report", report.toString()).exitCode());
        Files.writeString(report.resolve("stale.txt"), "from an earlier evaluation");
        CliRunner.Result skipped = demo("evaluate", model, "--set", "output.if_exists=skip", "--report", report.toString());
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertEquals("skipped", JSON.readTree(skipped.statusLine()).get("status").asText());
        assertTrue(Files.exists(report.resolve("stale.txt")));
        CliRunner.Result replaced = demo("evaluate", model, "--set", "output.if_exists=overwrite", "--report", report.toString());
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertFalse(Files.exists(report.resolve("stale.txt")));
        assertTrue(Files.exists(report.resolve("metrics.json")));
    }

    @Test
    void overwriteReplacesAModelDirectory() throws Exception {
        Files.writeString(model.resolve("stale.txt"), "from the earlier run");
        CliRunner.Result r = demo("train", model, "--set", "output.if_exists=overwrite");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(model.resolve("stale.txt")), "the old model directory was replaced");
        assertTrue(Files.exists(model.resolve("_SUCCESS")) && Files.exists(model.resolve("manifest.json")));
        assertTrue(names(shared).stream().noneMatch(n -> n.contains("._work") || n.endsWith(".lock") || n.contains("_tmp-")),
                names(shared).toString());
    }

    /** A job killed in training left its prepared data; rerun under fail, run re-makes it instead of stopping. */
    @Test
    void runUnderFailRemakesItsOwnPreparedData(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("model");
        assertEquals(0, demo("prepare", target, "--set", "output.if_exists=fail").exitCode());
        assertTrue(Files.exists(Path.of(target + ".prepared/prepared.json")));
        CliRunner.Result r = demo("run", target, "--set", "output.if_exists=fail");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(target.resolve("_SUCCESS")));
    }

    @Test
    void aLockedOutputFailsAtOnceOrIsSkipped(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("model");
        HadoopFiles files = new HadoopFiles(new Configuration());
        try (OutputLock other = OutputLock.acquire(files, target.toString(), Duration.ofMinutes(10))) {
            CliRunner.Result r = demo("run", target, "--set", "output.if_exists=overwrite");
            assertEquals(6, r.exitCode(), r.err());
            String line = r.err().strip();
            assertFalse(line.contains("\n"), line);
            assertTrue(line.startsWith("seqtrain: error: " + target + " is in use by a seqtrain job of "
                    + System.getProperty("user.name") + "@"), line);
            assertTrue(line.contains("(pid " + ProcessHandle.current().pid() + ") started at "), line);
            assertTrue(r.statusLine().contains("\"exit_code\":6"), r.out());

            CliRunner.Result skipped = demo("run", target, "--set", "output.if_exists=skip");
            assertEquals(0, skipped.exitCode(), skipped.err());
            assertEquals("skipped", JSON.readTree(skipped.statusLine()).get("status").asText());
            assertTrue(Files.exists(tmp.resolve("model.lock")), "the holder's lock stays");
        }
        assertEquals(List.of(), names(tmp), "nothing written");
    }

    private static List<Path> userThings(Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("a.jpg"), "jpg");
        return List.of(file, dir);
    }

    private static void assertUserThingsIntact(Path tmp) throws Exception {
        assertEquals("mine", Files.readString(tmp.resolve("notes.txt")));
        assertEquals("jpg", Files.readString(tmp.resolve("photos/a.jpg")));
        assertEquals(List.of("a.jpg"), names(tmp.resolve("photos")));
    }

    private static void assertRefused(CliRunner.Result r, Path target, String what, String policy) {
        assertEquals(6, r.exitCode(), r.err());
        assertEquals("seqtrain: error: " + target + " exists and is not a seqtrain " + what + "; output.if_exists: "
                + policy + " replaces only what seqtrain wrote, so nothing was deleted: move it away or choose another"
                + " path", r.err().strip());
        assertTrue(r.statusLine().contains("\"exit_code\":6"), r.out());
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The demo job, small: 1,000 documents, one epoch, a small network. */
    static CliRunner.Result demo(String command, Path modelDir, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "spark-jobs/demo-sentiment.yaml",
                "--set", "output.dir=" + modelDir, "--set", "data.demo.documents=1000", "--set", "training.epochs=1",
                "--set", "model.layers[0].output_dim=16", "--set", "model.layers[1].units=16",
                "--set", "training.workers=2"));
        args.addAll(Arrays.asList(more));
        return CliRunner.run(args.toArray(String[]::new));
    }
}
