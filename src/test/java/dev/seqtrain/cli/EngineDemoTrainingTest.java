package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo job through the CLI with the gated cells computed by the engine (the default implementation): each
 * learns the word-order task as far as {@link DemoRunEndToEndTest} expects of the LSTM, and the saved configuration
 * holds the engine's layer. A SimpleRNN does not learn this demo in 5 epochs, neither the engine's (0.49) nor DL4J's
 * SimpleRnn ({@code implementation: dl4j}, 0.50), so it is left out here; {@code model/TrainingTest} trains it on
 * shorter sequences.
 */
class EngineDemoTrainingTest {

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void demoLearnsWithEveryEngineCell(String cell, @TempDir Path tmp) throws Exception {
        String demo = Files.readString(Path.of("spark-jobs/demo-sentiment.yaml"));
        assertTrue(demo.contains("- lstm: {units: 64}"), "the demo's recurrent layer moved");
        Path spec = tmp.resolve("demo-" + cell + ".yaml");
        Files.writeString(spec, demo.replace("- lstm: {units: 64}", "- " + cell + ": {units: 64}"));
        Path model = tmp.resolve("model");
        CliRunner.Result r = CliRunner.run("run", spec.toString(), "--set", "output.dir=" + model,
                "--set", "data.demo.documents=6000", "--set", "training.epochs=5", "--set", "training.workers=2");
        assertEquals(0, r.exitCode(), r.err());
        double accuracy = new ObjectMapper().readTree(model.resolve("metrics.json").toFile()).get("accuracy").asDouble();
        System.out.println("engine " + cell + " demo: validation accuracy " + accuracy);
        assertTrue(accuracy >= 0.90, cell + ": validation accuracy " + accuracy);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.resolve("model.zip").toFile())) {
            String conf = new String(zip.getInputStream(zip.getEntry("configuration.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(conf.contains("dev.seqtrain.model.rnn.Recurrent"), "the engine's layer is saved");
        }
    }
}
