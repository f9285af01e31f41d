package dev.seqtrain.model;

import dev.seqtrain.job.OptimizerSpec;
import dev.seqtrain.model.seq2seq.Seq2Seq;
import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.text.TargetSequences;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The network of a sequence to sequence job: the whole encoder-decoder as one layer ({@link Seq2Seq}) and a softmax
 * over the target's classes at every decoder step, trained with categorical cross-entropy (masked by the label
 * mask) and {@code model.optimizer} as Keras names it, so it trains on the MultiLayerNetwork path of the other tasks.
 */
public final class Seq2SeqNetworks {
    private Seq2SeqNetworks() {
    }

    /** {@code sourceSteps}: the padded source length (text.source.maxlen, or the longest prepared source). */
    public static MultiLayerConfiguration configuration(Seq2SeqShape shape, int sourceSteps, TargetSequences target,
                                                        OptimizerSpec optimizer, long seed) {
        if (shape.targetVocabulary() != target.inputVocabularySize()) {
            throw new IllegalArgumentException("the decoder embedding has " + shape.targetVocabulary()
                    + " rows, the target sequences need " + target.inputVocabularySize());
        }
        Seq2Seq encoderDecoder = new Seq2Seq.Builder(shape, sourceSteps).build();
        encoderDecoder.setLayerName("seq2seq");
        RnnOutputLayer softmax = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).nIn(shape.outputWidth())
                .nOut(target.outputClasses()).build();
        softmax.setLayerName("softmax");
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(KerasOptimizers.updater(optimizer))
                .gradientNormalization(KerasOptimizers.normalization(optimizer))
                .gradientNormalizationThreshold(KerasOptimizers.threshold(optimizer))
                .list().layer(encoderDecoder).layer(softmax).build();
    }

    public static MultiLayerNetwork network(Seq2SeqShape shape, int sourceSteps, TargetSequences target,
                                            OptimizerSpec optimizer, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(shape, sourceSteps, target, optimizer, seed));
        net.init();
        return net;
    }
}
