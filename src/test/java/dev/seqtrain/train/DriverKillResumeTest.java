package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.testing.CliProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver JVM killed with SIGKILL right after its first checkpoint (no shutdown hook, no cleanup, as a lost
 * container): the output path holds nothing, and {@code --resume} finishes the job from that checkpoint.
 */
class DriverKillResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDriverKilledAfterACheckpointLeavesNoModelAndResumes(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model");
        String[] settings = {"--set", "training.epochs=3", "--set", "output.prepared_dir=" + tmp.resolve("prepared")};
        List<String> args = new ArrayList<>(List.of("run", "spark-jobs/demo-sentiment.yaml", "--set", "output.dir=" + model,
                "--set", "data.demo.documents=1000", "--set", "model.layers[0].output_dim=16",
                "--set", "model.layers[1].units=16", "--set", "training.workers=2"));
        args.addAll(List.of(settings));

        try (CliProcess driver = CliProcess.start("driver", tmp.resolve("logs"), args)) {
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (firstCheckpoint(tmp).isEmpty()) {
                assertTrue(driver.isAlive(), "the driver ended before its first checkpoint:\n" + driver.stderr());
                assertTrue(System.nanoTime() < deadline, "no checkpoint within 300 s:\n" + driver.stderr());
                Thread.sleep(100);
            }
            driver.kill();
            assertFalse(driver.isAlive());
        }
        assertFalse(Files.exists(model), "a killed driver leaves no model directory");

        TrainCli.Result resumed = TrainCli.demo("train", model, withResume(settings));
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertTrue(metrics.get("resumed_from_epoch").asInt() >= 1, metrics.toString());
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(3, history.size());
        for (int i = 0; i < 3; i++) assertEquals(i + 1, history.get(i).get("epoch").asInt());
        assertTrue(Files.exists(model.resolve("_SUCCESS")));
    }

    private static String[] withResume(String[] settings) {
        List<String> all = new ArrayList<>(List.of(settings));
        all.add("--resume");
        return all.toArray(String[]::new);
    }

    /** epoch-0001's {@code _SUCCESS} in any work directory of the model. */
    private static Optional<Path> firstCheckpoint(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("model._work"))
                    .map(p -> p.resolve("checkpoints/epoch-0001/_SUCCESS"))
                    .filter(Files::exists)
                    .findFirst();
        }
    }
}
