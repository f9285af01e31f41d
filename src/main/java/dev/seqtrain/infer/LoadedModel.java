package dev.seqtrain.infer;

import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.ModelDirectory;
import dev.seqtrain.store.ModelFiles;
import dev.seqtrain.store.SigningKey;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TokenizerJson;
import dev.seqtrain.text.Vocabulary;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.SequenceIndexer;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.job.TextSpec;
import org.apache.spark.broadcast.Broadcast;
import java.util.List;

/**
 * A model directory read back: the network, the exact tokenizer/vocabulary and labels it was trained with, and the
 * job spec that produced it (padding settings, numeric input shape). Scoring uses these, never the current spec's, so
 * there is no train/serve skew. A numeric model ({@code model.input}) has no tokenizer.json: {@code vocabulary} is
 * null. {@code kind} is labels.json's {@code task_kind}, derived from job.yaml and labels.json for directories
 * written before it was stored.
 */
public record LoadedModel(TaskKind kind, String dir, MultiLayerNetwork network, Vocabulary vocabulary,
                          LabelIndex labels, JobSpec trainedWith, Vocabulary targetVocabulary) {

    /** The decoder's sequences of an encoder-decoder: the target vocabulary and text.target.maxlen. */
    public dev.seqtrain.text.TargetSequences targetSequences() {
        return new dev.seqtrain.text.TargetSequences(targetVocabulary.inputDim(), trainedWith.text().target().maxlen());
    }

    /**
     * @throws SeqtrainException INPUT (exit 3) when {@code dir} does not exist, has no {@code _SUCCESS} or fails
     *                           its manifest (see {@link ModelDirectory#open})
     */
    public static LoadedModel load(HadoopFiles files, String dir) {
        return load(files, dir, null);
    }

    /** The model directory {@code output.dir}, signed with {@code output.signing_key} when the spec sets one. */
    public static LoadedModel load(HadoopFiles files, OutputSpec output) {
        return load(files, output.dir(), SigningKey.resolve(output.signingKey(), files));
    }

    /** @param key output.signing_key: the directory must be signed with it; null: checksums only */
    public static LoadedModel load(HadoopFiles files, String dir, SigningKey key) {
        if (!files.exists(new Path(dir))) {
            throw SeqtrainException.input(dir + ": no model directory here (output.dir); train a model first"
                    + " (seqtrain run or seqtrain train)");
        }
        ModelFiles store = new ModelDirectory(files, key).open(dir);
        MultiLayerNetwork net = store.network(false);
        Vocabulary v = store.optionalString(ModelDirectory.TOKENIZER).map(TokenizerJson::read).orElse(null);
        LabelIndex l = LabelIndex.fromJson(store.string(ModelDirectory.LABELS), dir + "/" + ModelDirectory.LABELS);
        JobSpec job = JobSpecLoader.parse(dir + "/" + ModelDirectory.JOB, store.string(ModelDirectory.JOB), List.of());
        TaskKind kind = kindOf(dir, l, job);
        if (v == null && kind.tokenInput()) {
            throw SeqtrainException.input(dir + ": no " + ModelDirectory.TOKENIZER + ", which a text model needs");
        }
        Vocabulary target = null;
        if (kind == TaskKind.SEQ2SEQ) {
            target = TokenizerJson.read(store.string(ModelDirectory.TARGET_TOKENIZER));
        }
        return new LoadedModel(kind, dir, net, v, l, job, target);
    }

    private static TaskKind kindOf(String dir, LabelIndex labels, JobSpec job) {
        try {
            return TaskKind.stored(labels.storedTaskKind(), dir + "/" + ModelDirectory.LABELS,
                    () -> TaskKind.ofOlderModel(job, labels.kind()));
        } catch (IllegalArgumentException e) {
            throw SeqtrainException.input(e.getMessage());
        }
    }

    /**
     * The shape numeric input must have for this model, and whether labels are regression targets; only for a
     * {@link TaskKind#NUMERIC} model.
     */
    public NumericShape numericShape() {
        ModelSpec.InputSpec in = trainedWith.model().input();
        return new NumericShape(in.timesteps(), in.features(), labels.regressionTargets());
    }

    /** The plan the model was trained with (head, masks, batch layout), rebuilt from {@code job.yaml}. */
    public ModelPlan plan() {
        return switch (kind) {
            case SEQ2SEQ -> ModelPlan.ofPairs(trainedWith.model(), vocabulary.inputDim(),
                    trainedWith.text().resolvedSource().maxlen(), targetSequences());
            case NUMERIC -> ModelPlan.of(trainedWith.model(), new ModelInput(0,
                    trainedWith.model().input().timesteps(), labels.size()), LabelLayout.of(kind));
            case TEXT_CLASSIFICATION, TAGGING -> ModelPlan.of(trainedWith.model(), new ModelInput(
                    vocabulary.inputDim(), trainedWith.text().maxlen(), labels.size()), LabelLayout.of(kind));
        };
    }

    /** Text to padded ids exactly as training did; {@code labelIndex} may be null for unlabelled input. */
    public SequenceIndexer indexer(Broadcast<TextEncoder> encoder, Broadcast<LabelIndex> labelIndex) {
        TextSpec text = trainedWith.text();
        return new SequenceIndexer(encoder, labelIndex, text.maxlen(), text.padding(), text.truncating(), text.value());
    }
}
