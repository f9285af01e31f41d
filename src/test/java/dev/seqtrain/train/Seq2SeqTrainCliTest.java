package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code seqtrain run} of an encoder-decoder through the real CLI on Spark (2 workers, local mode): prepare, train
 * with validation (loss and teacher-forced token accuracy per epoch), the model directory written. The task: a
 * word's letters reversed and upper-cased, which cannot be learnt without the source.
 */
class Seq2SeqTrainCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder("word\tphonemes\n");
        for (int i = 0; i < 600; i++) {
            StringBuilder w = new StringBuilder();
            int n = 2 + r.nextInt(3);
            for (int k = 0; k < n; k++) w.append((char) ('a' + r.nextInt(5)));
            StringBuilder t = new StringBuilder();
            for (int k = n - 1; k >= 0; k--) t.append(k < n - 1 ? " " : "").append(Character.toUpperCase(w.charAt(k)));
            sb.append(w).append('\t').append(t).append('\n');
        }
        return Files.writeString(dir.resolve("train.tsv"), sb.toString());
    }

    @Test
    void trainsAnEncoderDecoderOnSpark() throws IOException {
        Path model = dir.resolve("rev");
        CliRunner.Result r = CliRunner.run(Stream.of("run", "spark-jobs/cmudict-g2p.yaml",
                "--set", "data.train=" + corpus(), "--set", "data.validation=", "--set", "data.validation_split=0.2",
                "--set", "text.source.maxlen=5", "--set", "text.target.maxlen=6",
                "--set", "model.encoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 16, bidirectional: true}}]",
                "--set", "model.decoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 32}}]",
                "--set", "model.optimizer={name: adam, learning_rate: 0.01}",
                "--set", "training.epochs=4", "--set", "training.batch_size_per_worker=16",
                "--set", "training.workers=2", "--set", "output.dir=" + model).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(4, history.size());
        double first = history.get(0).path("val_accuracy").asDouble();
        double last = history.get(3).path("val_accuracy").asDouble();
        assertTrue(last > first && last > 0.5, "teacher-forced token accuracy " + first + " -> " + last + ": " + history);
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertEquals("seq2seq", metrics.get("task").asText());
    }
}
