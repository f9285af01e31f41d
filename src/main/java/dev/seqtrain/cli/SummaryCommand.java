package dev.seqtrain.cli;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.LayerSpec;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
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
        ModelPlan plan = ModelPlan.of(spec.model(), input(spec));
        out().println(plan.summary());
        out().flush();
        status.status("ok");
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
