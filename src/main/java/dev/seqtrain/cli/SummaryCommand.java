package dev.seqtrain.cli;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.LayerSpec;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.text.TargetSequences;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the Keras-style model summary (layers, output shapes, parameter counts). No Spark, no data:"
                + " the vocabulary size comes from the embedding's input_dim or text.num_words, timesteps from text.maxlen.")
public final class SummaryCommand extends JobCommand {
    @Override
    protected String command() {
        return "summary";
    }

    @Override
    protected void execute(JobSpec spec) {
        ModelPlan plan = spec.model().isSeq2Seq() ? pairs(spec) : ModelPlan.of(spec.model(), input(spec));
        out().println(plan.summary());
        out().flush();
        status.status("ok");
    }

    /**
     * An encoder-decoder: the source vocabulary from model.encoder's embedding input_dim or text.source.num_words,
     * the target's from text.target.num_words or model.decoder's embedding input_dim (which counts the start and end
     * tokens), steps from text.source.maxlen and text.target.maxlen.
     */
    private static ModelPlan pairs(JobSpec spec) {
        TextSpec source = spec.text().resolvedSource();
        TextSpec target = spec.text().target();
        Integer sourceIds = inputDim(spec.model().encoder().layers());
        if (sourceIds == null) sourceIds = source.numWords();
        Integer targetIds = target.numWords();
        Integer decoderIds = inputDim(spec.model().decoder().layers());
        if (targetIds == null && decoderIds != null) targetIds = decoderIds - 2;
        if (sourceIds == null) {
            throw new SpecException(spec.name() + ": summary needs the source vocabulary size: set "
                    + "text.source.num_words or model.encoder.layers[0].input_dim");
        }
        if (targetIds == null) {
            throw new SpecException(spec.name() + ": summary needs the target vocabulary size: set "
                    + "text.target.num_words or model.decoder.layers[0].input_dim");
        }
        if (source.maxlen() == null) {
            throw new SpecException(spec.name() + ": summary needs text.source.maxlen (the source steps)");
        }
        return ModelPlan.ofPairs(spec.model(), sourceIds, source.maxlen(),
                new TargetSequences(targetIds, target.maxlen()));
    }

    private static Integer inputDim(List<LayerSpec> layers) {
        return !layers.isEmpty() && layers.get(0) instanceof EmbeddingSpec e ? e.inputDim() : null;
    }

    static ModelInput input(JobSpec spec) {
        List<LayerSpec> layers = spec.model().layers();
        Integer vocab = spec.text().numWords();
        if (!layers.isEmpty() && layers.get(0) instanceof EmbeddingSpec e && e.inputDim() != null) {
            vocab = e.inputDim();
        }
        boolean embedding = !layers.isEmpty() && layers.get(0) instanceof EmbeddingSpec;
        if (embedding && vocab == null) {
            throw new SpecException(spec.name() + ": summary needs the vocabulary size: set text.num_words or "
                    + "model.layers[0].input_dim");
        }
        int classes = 2;
        if (layers.get(layers.size() - 1) instanceof DenseSpec d && "softmax".equals(d.activation())) {
            classes = d.units();
        }
        Integer timesteps = spec.model().input() != null && spec.model().input().timesteps() != null
                ? spec.model().input().timesteps() : spec.text().maxlen();
        return new ModelInput(vocab == null ? 0 : vocab, timesteps, classes);
    }
}
