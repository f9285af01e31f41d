package dev.seqtrain.train;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.Vocabulary;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretrainedEmbeddingsTest {
    private static final dev.seqtrain.job.TextSpec TEXT =
            new dev.seqtrain.job.TextSpec(10, "<OOV>", null, null, null, null, null, null, null, null, null, null, null);

    private static ModelPlan plan(String file, boolean trainable) {
        JobSpec spec = JobSpecLoader.parse("x.yaml", """
                text: {num_words: 10, oov_token: "<OOV>"}
                model:
                  layers:
                    - embedding: {output_dim: 3, embeddings_file: %s, trainable: %s}
                    - lstm: {units: 2}
                    - dense: {units: 1, activation: sigmoid}
                output: {dir: /tmp/x}
                """.formatted(file, trainable), List.of());
        return ModelPlan.of(spec.model(), new ModelInput(10, 5, 2));
    }

    @Test
    void vocabularyRowsGetTheFileVectorsOthersKeepTheirInitialisation(@TempDir Path dir) throws Exception {
        Path glove = Files.writeString(dir.resolve("vectors.txt"),
                "4 3\ngood 0.1 0.2 0.3\nunrelated 9 9 9\nbad -1 -2 -3.5\nmovie 1e-1 0 1\n");
        Vocabulary vocab = Vocabulary.fit(List.of("good movie", "bad movie", "boring"),
                TEXT);
        for (boolean trainable : new boolean[]{true, false}) {
            ModelPlan plan = plan(glove.toString(), trainable);
            MultiLayerNetwork net = plan.newNetwork(1);
            INDArray before = net.getLayer(0).getParam("W").dup();
            int filled = PretrainedEmbeddings.apply(new HadoopFiles(new Configuration()), glove.toString(), vocab, net,
                    plan.embeddingLayerIndex().getAsInt());
            assertEquals(3, filled);
            INDArray w = net.getLayer(0).getParam("W");
            assertArrayEquals(new float[]{0.1f, 0.2f, 0.3f}, w.getRow(vocab.index("good")).toFloatVector(), 1e-7f);
            assertArrayEquals(new float[]{-1f, -2f, -3.5f}, w.getRow(vocab.index("bad")).toFloatVector(), 1e-7f);
            assertEquals(before.getRow(vocab.index("boring")), w.getRow(vocab.index("boring")), "not in the file");
        }
    }

    @Test
    void aVectorOfTheWrongSizeNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path glove = Files.writeString(dir.resolve("vectors.txt"), "good 0.1 0.2 0.3\nbad 1 2\n");
        Vocabulary vocab = Vocabulary.fit(List.of("good bad"),
                TEXT);
        ModelPlan plan = plan(glove.toString(), true);
        SeqtrainException e = assertThrows(SeqtrainException.class, () -> PretrainedEmbeddings.apply(
                new HadoopFiles(new Configuration()), glove.toString(), vocab, plan.newNetwork(1), 0));
        assertTrue(e.getMessage().endsWith("vectors.txt:2: 2 values for 'bad', but the embedding's output_dim is 3"),
                e.getMessage());
    }
}
