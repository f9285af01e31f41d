package dev.seqtrain.infer;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.ModelDirectory;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TokenizerJson;
import dev.seqtrain.text.Vocabulary;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.SequenceIndexer;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.train.RowBatchers;
import dev.seqtrain.job.TextSpec;
import org.apache.spark.broadcast.Broadcast;
import java.util.List;

/**
 * A model directory read back: the network, the exact tokenizer/vocabulary and labels it was trained with, and the
 * job spec that produced it (padding settings). Scoring uses these, never the current spec's, so there is no
 * train/serve skew.
 */
public record LoadedModel(String dir, MultiLayerNetwork network, Vocabulary vocabulary, LabelIndex labels,
                          JobSpec trainedWith) {

    /**
     * @throws SeqtrainException INPUT (exit 3) when {@code dir} does not exist, has no {@code _SUCCESS} or its
     *                           model.zip fails the manifest's checksum
     */
    public static LoadedModel load(HadoopFiles files, String dir) {
        if (!files.exists(new Path(dir))) {
            throw SeqtrainException.input(dir + ": no model directory here (output.dir); train a model first"
                    + " (seqtrain run or seqtrain train)");
        }
        return load(new ModelDirectory(files), dir);
    }

    public static LoadedModel load(ModelDirectory store, String dir) {
        MultiLayerNetwork net = store.loadNetwork(dir);
        Vocabulary v = TokenizerJson.read(store.readString(dir, ModelDirectory.TOKENIZER));
        LabelIndex l = LabelIndex.fromJson(store.readString(dir, ModelDirectory.LABELS), dir + "/" + ModelDirectory.LABELS);
        JobSpec job = JobSpecLoader.parse(dir + "/" + ModelDirectory.JOB, store.readString(dir, ModelDirectory.JOB), List.of());
        return new LoadedModel(dir, net, v, l, job);
    }

    /** The plan the model was trained with (head, masks, batch layout), rebuilt from {@code job.yaml}. */
    public ModelPlan plan() {
        return ModelPlan.of(trainedWith.model(), new ModelInput(vocabulary.inputDim(), trainedWith.text().maxlen(),
                labels.size()), RowBatchers.layout(labels));
    }

    /** Text to padded ids exactly as training did; {@code labelIndex} may be null for unlabelled input. */
    public SequenceIndexer indexer(Broadcast<TextEncoder> encoder, Broadcast<LabelIndex> labelIndex) {
        TextSpec text = trainedWith.text();
        return new SequenceIndexer(encoder, labelIndex, text.maxlen(), text.padding(), text.truncating(), text.value());
    }
}
