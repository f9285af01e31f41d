package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo corpus is built so that word order decides the label: the same job with the LSTM replaced by global
 * average pooling over the embeddings (a bag of words) must stay clearly below what the LSTM reaches
 * ({@link DemoRunEndToEndTest} asserts that side on the same corpus size).
 */
class DemoNeedsSequenceOrderTest {

    @Test
    void bagOfWordsCannotSolveTheDemo(@TempDir Path tmp) throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("run", "spark-jobs/demo-bag-of-words.yaml",
                "--set", "output.dir=" + tmp.resolve("bow"), "--set", "data.demo.documents=6000",
                "--set", "training.epochs=5", "--set", "training.workers=2");
        assertEquals(0, r.exitCode(), r.err());
        double accuracy = new ObjectMapper().readTree(tmp.resolve("bow/metrics.json").toFile()).get("accuracy").asDouble();
        assertTrue(accuracy <= 0.85, "a bag of words should not solve the demo, got " + accuracy);
    }
}
