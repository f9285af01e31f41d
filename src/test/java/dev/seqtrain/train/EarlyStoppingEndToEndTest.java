package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.seqtrain.train.CheckpointResumeTest.names;
import static dev.seqtrain.train.CheckpointResumeTest.restore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Early stopping through the CLI. {@code min_delta: 1.0} makes any epoch after the first a non-improvement (neither
 * the loss nor the accuracy can move by 1.0), so with patience 1 a 5-epoch job must stop after epoch 2 whatever the
 * data does, with epoch 1 as the best.
 */
class EarlyStoppingEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stopsWhenTheMonitorStallsAndRestoresTheBestWeights(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model");
        // --resume without any checkpoint: starts from scratch
        TrainCli.Result r = TrainCli.demo("run", model, "--resume", "--set", "training.epochs=5",
                "--set", "training.early_stopping.monitor=val_loss", "--set", "training.early_stopping.patience=1",
                "--set", "training.early_stopping.min_delta=1.0",
                "--set", "training.early_stopping.restore_best_weights=true");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(2, history.size(), "stopped after epoch 2");
        assertEquals(1, history.get(0).get("epoch").asInt());
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertTrue(metrics.get("stopped_early").asBoolean());
        assertEquals(1, metrics.get("best_epoch").asInt());
        assertTrue(metrics.get("restored_best_weights").asBoolean());
        assertFalse(metrics.has("resumed_from_epoch"), "nothing to resume from: a fresh start");
        assertEquals(history.get(0).get("val_loss").asDouble(), metrics.get("loss").asDouble(), 0,
                "metrics.json describes the restored weights");
        assertEquals(List.of("epoch-0001", "epoch-0002"), names(model.resolve("checkpoints")));
        assertEquals(restore(model.resolve("checkpoints/epoch-0001/model.zip")).params(),
                restore(model.resolve("model.zip")).params(), "the model holds epoch 1's weights");
        assertNotEquals(restore(model.resolve("checkpoints/epoch-0002/model.zip")).params(),
                restore(model.resolve("model.zip")).params());
        assertTrue(Files.size(model.resolve("curves.png")) > 1000);
        assertFalse(Files.exists(model.resolve("spark-stats.html")), "training.collect_stats is off by default");
        assertEquals(0.005, history.get(1).get("lr").asDouble(), "no lr_schedule: the optimizer's rate every epoch");

        // higher is better for val_accuracy; without restore_best_weights the last epoch's weights stay; no checkpoints
        TrainCli.Result a = TrainCli.demo("train", model, "--set", "training.epochs=5",
                "--set", "training.early_stopping.monitor=val_accuracy", "--set", "training.early_stopping.patience=1",
                "--set", "training.early_stopping.min_delta=1.0",
                "--set", "training.early_stopping.restore_best_weights=false", "--set", "output.checkpoints=false");
        assertEquals(0, a.exitCode(), a.err());
        JsonNode h2 = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(2, h2.size());
        JsonNode m2 = JSON.readTree(model.resolve("metrics.json").toFile());
        assertTrue(m2.get("stopped_early").asBoolean());
        assertEquals(1, m2.get("best_epoch").asInt());
        assertFalse(m2.get("restored_best_weights").asBoolean());
        assertEquals(h2.get(1).get("val_accuracy").asDouble(), m2.get("accuracy").asDouble(), 0);
        assertFalse(Files.exists(model.resolve("checkpoints")), "output.checkpoints: false");
        assertTrue(CheckpointResumeTest.names(tmp).stream().noneMatch(n -> n.startsWith("model._work")),
                "no work directory left: " + CheckpointResumeTest.names(tmp));
    }
}
