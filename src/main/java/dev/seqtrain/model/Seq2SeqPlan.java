package dev.seqtrain.model;

import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.text.TargetSequences;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Locale;

/**
 * The encoder-decoder of a {@link Task#SEQ2SEQ} {@link ModelPlan}: its shape, the padded source length and the
 * decoder's sequences.
 */
public record Seq2SeqPlan(Seq2SeqShape shape, int sourceSteps, TargetSequences target) {

    MultiLayerConfiguration configuration(ModelSpec spec, long seed) {
        return Seq2SeqNetworks.configuration(shape, sourceSteps, target, spec.optimizer(), seed);
    }

    /** Parameters of the network (the encoder-decoder layer and the softmax). */
    long params() {
        MultiLayerNetwork net = new MultiLayerNetwork(Seq2SeqNetworks.configuration(shape, sourceSteps, target,
                new dev.seqtrain.job.OptimizerSpec(null, null, null, null, null, null, null, null, null), 0L));
        net.init();
        return net.numParams();
    }

    /** A short description (not yet Keras' functional-model table), ending with a newline. */
    String summary() {
        return String.format(Locale.ROOT, "encoder-decoder: %s x %d%s, source %d ids x %d steps (embedding %d), "
                        + "target %d ids x %d steps (embedding %d), decoder units %d%s, softmax over %d classes%n"
                        + "Total params: %,d%n",
                shape.cell().name().toLowerCase(Locale.ROOT), shape.layers(),
                shape.bidirectional() == null ? "" : ", bidirectional " + shape.bidirectional().name()
                        .toLowerCase(Locale.ROOT), shape.sourceVocabulary(), sourceSteps, shape.sourceEmbedding(),
                shape.targetVocabulary(), target.maxlen(), shape.targetEmbedding(), shape.decoderUnits(),
                shape.hasAttention() ? ", " + shape.attention().name().toLowerCase(Locale.ROOT) + " attention" : "", target.outputClasses(), params());
    }
}
