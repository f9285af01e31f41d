package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job killed after epoch 2's checkpoint, a resume whose epoch 3 diverges (its weights turn NaN, so the real forward
 * pass gives a NaN loss) and must leave the good checkpoints alone, then a resume with the job's own settings that
 * finishes epoch 3 and commits the model. (That a resumed run ends with the uninterrupted run's weights, bit for bit,
 * is {@link DeterministicRunsTest}'s.)
 */
class CheckpointResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedJobResumesFromItsLastCheckpointAndDivergenceKeepsTheGoodOnes(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model");
        String prepared = "output.prepared_dir=" + tmp.resolve("prepared");

        // 1. the job "killed" right after epoch 2's checkpoint
        TrainCli.Result killed;
        try (var fault = Faults.killAfterEpoch(2)) {
            killed = TrainCli.demo("run", model, "--set", "training.epochs=3", "--set", prepared);
        }
        assertEquals(70, killed.exitCode(), killed.err());
        assertFalse(Files.exists(model), "a killed job must leave no model directory");
        Path work = workDir(tmp);
        Path checkpoints = work.resolve("checkpoints");
        assertEquals(List.of("epoch-0001", "epoch-0002"), names(checkpoints));
        for (String c : List.of("epoch-0001", "epoch-0002")) {
            for (String f : List.of("model.zip", "history.json", "checkpoint.json", "_SUCCESS")) {
                assertTrue(Files.exists(checkpoints.resolve(c).resolve(f)), c + "/" + f);
            }
        }
        assertEquals(2, JSON.readTree(checkpoints.resolve("epoch-0002/checkpoint.json").toFile()).get("epoch").asInt());
        assertEquals(2, JSON.readTree(checkpoints.resolve("epoch-0002/history.json").toFile()).size());
        INDArray epoch2 = restore(checkpoints.resolve("epoch-0002/model.zip")).params();
        MultiLayerNetwork saved = restore(checkpoints.resolve("epoch-0002/model.zip"));
        assertTrue(saved.getUpdater().getStateViewArray().amaxNumber().doubleValue() > 0, "the checkpoint carries Adam's state");
        assertTrue(saved.getIterationCount() > 0, "and its step counter: " + saved.getIterationCount());

        // 2. a resume that diverges in epoch 3: exit 4, and the good checkpoints stay
        TrainCli.Result diverged;
        try (var fault = Faults.divergeInEpoch(3)) {
            diverged = TrainCli.demo("train", model, "--resume", "--set", "training.epochs=3", "--set", prepared);
        }
        assertEquals(4, diverged.exitCode(), diverged.err());
        assertTrue(diverged.out().contains("\"exit_code\":4"), diverged.out());
        assertTrue(diverged.err().contains("training diverged"), diverged.err());
        assertTrue(diverged.err().contains("after epoch 3"), diverged.err());
        assertTrue(diverged.err().contains("epoch-0002"), "names the last good checkpoint: " + diverged.err());
        assertFalse(Files.exists(model));
        assertEquals(List.of("epoch-0001", "epoch-0002"), names(checkpoints));
        assertEquals(epoch2, restore(checkpoints.resolve("epoch-0002/model.zip")).params());

        // 3. resuming with the job's settings trains epoch 3 only and commits everything in one rename
        TrainCli.Result resumed = TrainCli.demo("run", model, "--resume", "--set", "training.epochs=3", "--set", prepared);
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertFalse(Files.exists(work), "the work directory becomes the model directory");
        for (String f : List.of("model.zip", "tokenizer.json", "labels.json", "job.yaml", "history.json",
                "metrics.json", "summary.txt", "manifest.json", "curves.png", "_SUCCESS")) {
            assertTrue(Files.exists(model.resolve(f)), f + " missing");
        }
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(3, history.size());
        for (int i = 0; i < 3; i++) assertEquals(i + 1, history.get(i).get("epoch").asInt());
        assertEquals(JSON.readTree(model.resolve("checkpoints/epoch-0002/history.json").toFile()).get(1),
                history.get(1), "epochs 1-2 come from the checkpoint");
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertEquals(2, metrics.get("resumed_from_epoch").asInt());
        assertFalse(metrics.get("stopped_early").asBoolean());
        assertEquals(history.get(2).get("val_accuracy").asDouble(), metrics.get("accuracy").asDouble(), 0);
        assertEquals(List.of("epoch-0001", "epoch-0002", "epoch-0003"), names(model.resolve("checkpoints")));
        assertEquals(restore(model.resolve("checkpoints/epoch-0003/model.zip")).params(),
                restore(model.resolve("model.zip")).params(), "the final model is epoch 3's");
        byte[] png = Files.readAllBytes(model.resolve("curves.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals(List.of("model", "prepared"), names(tmp), "no temporary or work directory left");
    }

    static MultiLayerNetwork restore(Path zip) throws Exception {
        return ModelSerializer.restoreMultiLayerNetwork(new File(zip.toString()), true);
    }

    /** The one work directory of {@code <tmp>/model}: {@code model._work-<run id>}. */
    static Path workDir(Path tmp) throws Exception {
        List<String> work = names(tmp).stream().filter(n -> n.startsWith("model._work-")).toList();
        assertEquals(1, work.size(), "one work directory: " + names(tmp));
        return tmp.resolve(work.get(0));
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
