package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.testing.TaggedCorpusFixture;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code training.tbptt_length} through the CLI in Spark local mode: a GRU tagger trains in segments of 6 steps on
 * sentences of 21-37 tokens (every sentence spans several segments) with two parameter-averaging workers, learns the
 * tags that need the left neighbour (a context-blind tagger stays near 0.75, chance is 0.2), and its saved network
 * says TruncatedBPTT. Specs DL4J cannot train that way are refused before Spark starts (exit 2).
 */
class TruncatedBpttEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String spec(Path train, Path validation, Path model, String recurrent) {
        return """
                name: tbptt-tagger
                data:
                  format: conll
                  train: %s
                  validation: %s
                  tag_column: 1
                text:
                  oov_token: "<OOV>"
                  maxlen: 40
                  padding: post
                  truncating: post
                model:
                  layers:
                    - embedding: {output_dim: 16, mask_zero: true}
                    - %s
                    - dense: {units: 5, activation: softmax}
                  optimizer: {name: adam, learning_rate: 0.02}
                training:
                  epochs: 2
                  batch_size_per_worker: 16
                  averaging_frequency: 5
                  workers: 2
                  tbptt_length: 6
                output:
                  dir: %s
                  if_exists: overwrite
                """.formatted(train.toUri(), validation.toUri(), recurrent, model);
    }

    @Test
    void taggerTrainsInSegmentsAndLearns(@TempDir Path tmp) throws Exception {
        Path train = TaggedCorpusFixture.write(tmp.resolve("train.conll"), 500, 11, 20, 36);
        Path validation = TaggedCorpusFixture.write(tmp.resolve("validation.conll"), 150, 12, 20, 36);
        Path model = tmp.resolve("model");
        Path job = Files.writeString(tmp.resolve("tbptt.yaml"),
                spec(train, validation, model, "gru: {units: 32, return_sequences: true}"));

        CliRunner.Result r = CliRunner.run("run", job.toString());
        assertEquals(0, r.exitCode(), r.err());

        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        double accuracy = metrics.get("accuracy").asDouble();
        System.out.println("tbptt GRU tagger: validation token accuracy " + accuracy);
        assertTrue(accuracy >= 0.95, "validation token accuracy " + accuracy);
        // every validation sentence (21-37 tokens) is longer than the segment
        JsonNode stats = JSON.readTree(model.resolveSibling("model.prepared").resolve("stats.json").toFile());
        assertTrue(stats.get("validation").get("tokens").asLong() >= 21L * 150);

        MultiLayerConfiguration conf = ModelSerializer.restoreMultiLayerNetwork(model.resolve("model.zip").toFile())
                .getLayerWiseConfigurations();
        assertEquals(BackpropType.TruncatedBPTT, conf.getBackpropType());
        assertEquals(6, conf.getTbpttFwdLength());
        assertEquals(6, conf.getTbpttBackLength());
        assertTrue(Files.readString(model.resolve("job.yaml")).contains("tbptt_length: 6"));
    }

    @Test
    void bidirectionalLayersAreRefusedBeforeSparkStarts(@TempDir Path tmp) throws Exception {
        Path job = Files.writeString(tmp.resolve("tbptt.yaml"), spec(tmp.resolve("none.conll"),
                tmp.resolve("none2.conll"), tmp.resolve("model"),
                "bidirectional: {layer: {lstm: {units: 8, return_sequences: true}}}"));
        CliRunner.Result r = CliRunner.run("train", job.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("training.tbptt_length: model.layers[1] is bidirectional"), r.err());
        assertFalse(Files.exists(tmp.resolve("model")));
    }

    @Test
    void perSequenceLabelsAreRefusedBeforeSparkStarts() {
        CliRunner.Result r = CliRunner.run("run", "spark-jobs/demo-sentiment.yaml",
                "--set", "training.tbptt_length=10");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("training.tbptt_length: truncated BPTT needs a label per time step"), r.err());
        assertTrue(r.err().contains("one label per sequence"), r.err());
    }
}
