package dev.seqtrain.model;

import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.text.TargetSequences;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

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

    /** Keras' functional-model table of the equivalent model ({@link Seq2SeqSummary}), ending with a newline. */
    String summary() {
        return Seq2SeqSummary.format(shape, sourceSteps, target.maxlen(), target.outputClasses());
    }
}
