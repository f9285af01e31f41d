package dev.seqtrain.model.seq2seq;

import java.util.List;

import dev.seqtrain.model.rnn.RnnWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An encoder-decoder's weights, or their gradients, in Keras' layouts: embeddings [rows, dim]; per encoder layer the
 * forward half and (bidirectional) the backward half; per decoder layer one cell; the attention score's parameters (in
 * {@link Seq2SeqParamInitializer}'s order: Luong's {@code Wa}, or Bahdanau's {@code W1, W2, b, v}) and the
 * attentional output's {@code Wc} (empty and null without attention).
 */
public record Seq2SeqWeights(INDArray sourceEmbedding, List<EncoderLayer> encoder, INDArray targetEmbedding,
        List<RnnWeights> decoder, List<INDArray> attentionScore, INDArray attentionOutput) {

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
