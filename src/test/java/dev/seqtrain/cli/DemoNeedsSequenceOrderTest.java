package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo corpus is built so that word order decides the label. On the same corpus and settings the LSTM must learn
 * it and the same job with the LSTM replaced by global average pooling (a bag of words) must not: a trainer that
 * learns nothing fails the first half (checked with a learning rate of 1e-9), a corpus a bag of words can solve
 * fails the second.
 */
class DemoNeedsSequenceOrderTest {

    @Test
    void theLstmLearnsTheDemoAndABagOfWordsDoesNot(@TempDir Path tmp) throws Exception {
        double lstm = validationAccuracy("spark-jobs/demo-sentiment.yaml", tmp.resolve("lstm"));
        assertTrue(lstm >= 0.90, "the LSTM should learn the demo, got " + lstm);
        double bagOfWords = validationAccuracy("spark-jobs/demo-bag-of-words.yaml", tmp.resolve("bow"));
        assertTrue(bagOfWords <= 0.85, "a bag of words should not solve the demo, got " + bagOfWords + " (LSTM: " + lstm + ")");
    }

    /** The same corpus and training settings for both models. */
    private static double validationAccuracy(String job, Path model) throws Exception {
        CliRunner.Result r = CliRunner.run("run", job, "--set", "output.dir=" + model,
                "--set", "data.demo.documents=6000", "--set", "training.epochs=5", "--set", "training.workers=2");
        assertEquals(0, r.exitCode(), job + ": " + r.err());
        return new ObjectMapper().readTree(model.resolve("metrics.json").toFile()).get("accuracy").asDouble();
    }
}
