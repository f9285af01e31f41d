package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.cli.CliRunner;
import dev.seqtrain.testing.TaggedCorpusFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13: the training {@code loss} of a tagger and of an encoder-decoder is in {@code val_loss}'s (Keras') units,
 * the mean per real token, not DL4J's per-sentence sum. With a learning rate of 1e-9 the weights do not move during
 * the epoch, and the validation split is the training file itself: Keras' training loss over the epoch then equals
 * the validation loss over the same tokens (no dropout). DL4J's score was about the mean sentence length times
 * larger.
 */
class TrainingLossUnitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aTaggersTrainingLossIsTheMeanPerRealToken() throws IOException {
        Path corpus = TaggedCorpusFixture.write(dir.resolve("train.conll"), 200, 1);
        Path model = dir.resolve("tagger");
        Path job = Files.writeString(dir.resolve("tagger.yaml"), """
                name: loss-units
                data: {format: conll, train: %s, validation: %s, tag_column: 1}
                text: {oov_token: "<OOV>", lower: true, maxlen: 16, padding: post, truncating: post}
                model:
                  layers:
                    - embedding: {output_dim: 8, mask_zero: true}
                    - lstm: {units: 8, return_sequences: true}
                    - dense: {units: 5, activation: softmax}
                  loss: categorical_crossentropy
                  optimizer: {name: sgd, learning_rate: 1.0e-9}
                training: {epochs: 1, batch_size_per_worker: 16, averaging_frequency: 2, workers: 2, seed: 42}
                output: {dir: %s, if_exists: overwrite}
                """.formatted(corpus.toUri(), corpus.toUri(), model));
        CliRunner.Result r = CliRunner.run("run", job.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertLossEqualsValLoss(model);
    }

    @Test
    void anEncoderDecodersTrainingLossIsTheMeanPerTargetToken() throws IOException {
        Random rnd = new Random(5);
        StringBuilder sb = new StringBuilder("word\tphonemes\n");
        for (int i = 0; i < 200; i++) {
            int n = 2 + rnd.nextInt(3);
            StringBuilder w = new StringBuilder();
            for (int k = 0; k < n; k++) w.append((char) ('a' + rnd.nextInt(5)));
            sb.append(w).append('\t').append(String.join(" ", w.toString().toUpperCase().split(""))).append('\n');
        }
        Path corpus = Files.writeString(dir.resolve("pairs.tsv"), sb.toString());
        Path model = dir.resolve("s2s");
        CliRunner.Result r = CliRunner.run(Stream.of("run", "spark-jobs/cmudict-g2p.yaml",
                "--set", "data.train=" + corpus, "--set", "data.validation=" + corpus,
                "--set", "text.source.maxlen=5", "--set", "text.target.maxlen=6",
                "--set", "model.encoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 8}}]",
                "--set", "model.decoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 8}}]",
                "--set", "model.optimizer={name: sgd, learning_rate: 1.0e-9}",
                "--set", "training.epochs=1", "--set", "training.batch_size_per_worker=16",
                "--set", "training.workers=2", "--set", "output.dir=" + model).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertLossEqualsValLoss(model);
    }

    private static void assertLossEqualsValLoss(Path model) throws IOException {
        JsonNode epoch = JSON.readTree(model.resolve("history.json").toFile()).get(0);
        double loss = epoch.get("loss").asDouble();
        double valLoss = epoch.get("val_loss").asDouble();
        assertEquals(valLoss, loss, 1e-4 * valLoss, "training loss vs val_loss over the same tokens: " + epoch);
    }
}
