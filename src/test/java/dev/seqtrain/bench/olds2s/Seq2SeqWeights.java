package dev.seqtrain.bench.olds2s;

import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;

import java.util.List;

import dev.seqtrain.model.rnn.RnnWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An encoder-decoder's weights, or their gradients, in Keras' layouts: embeddings [rows, dim]; per encoder layer the
 * forward half and (bidirectional) the backward half; per decoder layer one cell; Luong's {@code Wa} and {@code Wc}
 * (null without attention).
 */
public record Seq2SeqWeights(INDArray sourceEmbedding, List<EncoderLayer> encoder, INDArray targetEmbedding,
        List<RnnWeights> decoder, INDArray attentionScore, INDArray attentionOutput) {

    /** One encoder layer: the forward half, and the backward half (null when unidirectional). */
    public record EncoderLayer(RnnWeights forward, RnnWeights backward) {
    }

    List<RecurrentStack.LayerWeights> encoderStack() {
        return encoder.stream().map(l -> new RecurrentStack.LayerWeights(l.forward(), l.backward())).toList();
    }

    List<RecurrentStack.LayerWeights> decoderStack() {
        return decoder.stream().map(w -> new RecurrentStack.LayerWeights(w, null)).toList();
    }
}
