package dev.seqtrain.store;

import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.LayerSpec;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every network the seed jobs in spark-jobs/ build (Embedding, SimpleRNN, LSTM, seqtrain's GRU, bidirectional,
 * pooling, taggers, numeric input) passes the configuration's class allow-list and reads back with the same
 * parameters and outputs: the allow-list refuses nothing seqtrain writes.
 */
class SeedModelsRoundTripTest {

    @Test
    void everySeedNetworkReadsBackExactly() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Files.list(Path.of("spark-jobs"))) {
            specs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(specs.isEmpty());
        for (Path p : specs) {
            JobSpec job = JobSpecLoader.load(p, List.of());
            if (job.model().isSeq2Seq()) {
                // an encoder-decoder: one id row per example, the source's steps then the decoder's
                dev.seqtrain.text.TargetSequences target = new dev.seqtrain.text.TargetSequences(12,
                        job.text().target().maxlen());
                MultiLayerNetwork net = ModelPlan.ofPairs(job.model(), 30, 6, target).newNetwork(7);
                MultiLayerNetwork back = ModelZip.read(ModelZip.write(net, true), p.toString(), true);
                assertEquals(net.params(), back.params(), p.toString());
                INDArray ids = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 6 + target.maxlen());
                assertEquals(net.output(ids), back.output(ids), p.toString());
                continue;
            }
            boolean numeric = job.model().input() != null;
            int timesteps = Math.min(numeric ? job.model().input().timesteps() : job.text().maxlen(), 12);
            List<LayerSpec> layers = job.model().layers();
            int classes = layers.get(layers.size() - 1) instanceof DenseSpec d && d.units() > 1 ? d.units() : 2;
            LabelLayout layout = job.data().format() == DataSpec.Format.CONLL ? LabelLayout.PER_TOKEN : LabelLayout.PER_SEQUENCE;
            ModelPlan plan = ModelPlan.of(job.model(), new ModelInput(numeric ? 0 : 200, timesteps, classes), layout);
            MultiLayerNetwork net = plan.newNetwork(7);
            MultiLayerNetwork back = ModelZip.read(ModelZip.write(net, true), p.toString(), true);
            assertEquals(net.params(), back.params(), p.toString());
            INDArray x = numeric
                    ? Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, job.model().input().features(), timesteps)
                    : Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, timesteps).muli(199).castTo(
                    org.nd4j.linalg.api.buffer.DataType.INT32).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            assertEquals(net.output(x), back.output(x), p.toString());
        }
    }
}
