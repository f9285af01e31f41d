package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.model.NetworkLearningRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.seqtrain.train.CheckpointResumeTest.restore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the CLI: a scheduled job killed after epoch 2 and resumed trains epoch 3 at epoch 3's rate (not the
 * schedule's start again), records every epoch's rate in history.json, and writes spark-stats.html once, into the
 * final model directory only.
 */
class ScheduleResumeAndStatsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void resumeContinuesTheScheduleAndStatsAreExportedOnce(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model");
        String[] settings = {"--set", "training.epochs=3", "--set", "output.prepared_dir=" + tmp.resolve("prepared"),
                "--set", "training.lr_schedule={type: exponential_decay, decay_rate: 0.5, decay_epochs: 1}",
                "--set", "training.collect_stats=true"};

        TrainCli.Result killed;
        try (var fault = Faults.killAfterEpoch(2)) {
            killed = TrainCli.demo("run", model, settings);
        }
        assertEquals(70, killed.exitCode(), killed.err());
        Path checkpoints = CheckpointResumeTest.workDir(tmp).resolve("checkpoints");
        assertEquals(List.of(0.005, 0.0025), rates(checkpoints.resolve("epoch-0002/history.json")));
        NetworkLearningRate.rates(restore(checkpoints.resolve("epoch-0002/model.zip")))
                .forEach(r -> assertEquals(0.0025, r, 1e-12, "the checkpoint's network carries epoch 2's rate"));
        assertFalse(Files.exists(checkpoints.resolve("epoch-0002/spark-stats.html")), "statistics are exported once, at the end");

        List<String> resume = new ArrayList<>(List.of(settings));
        resume.add("--resume");
        TrainCli.Result resumed = TrainCli.demo("train", model, resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(List.of(0.005, 0.0025, 0.00125), rates(model.resolve("history.json")));
        NetworkLearningRate.rates(restore(model.resolve("model.zip")))
                .forEach(r -> assertEquals(0.00125, r, 1e-12, "epoch 3 trained at the schedule's third rate"));
        JsonNode last = JSON.readTree(model.resolve("history.json").toFile()).get(2);
        assertTrue(last.get("batches").asLong() > 0, last.toString());

        String html = Files.readString(model.resolve("spark-stats.html"), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<html>") && html.contains("</html>"), html.substring(0, Math.min(200, html.length())));
        assertTrue(html.length() > 10_000, "a page with DL4J's charts: " + html.length() + " characters");
        assertFalse(Files.exists(model.resolve("checkpoints/epoch-0003/spark-stats.html")));
    }

    private static List<Double> rates(Path history) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (JsonNode n : JSON.readTree(history.toFile())) rates.add(n.get("lr").asDouble());
        return rates;
    }
}
