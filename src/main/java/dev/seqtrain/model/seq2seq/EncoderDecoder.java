package dev.seqtrain.model.seq2seq;

import java.util.ArrayList;
import java.util.List;

import dev.seqtrain.model.rnn.RnnState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An encoder-decoder on seqtrain's recurrent engine, as Keras builds it with {@code return_state=True} on the encoder
 * and {@code initial_state=} on the decoder: the encoder reads the source ids, each encoder layer's final state (its two
 * halves merged when bidirectional) is the initial state of the decoder layer at the same depth, and the decoder reads
 * the target ids shifted by one (teacher forcing), optionally followed by attention over the encoder's outputs
 * (Luong's or Bahdanau's score, {@link Attention}).
 * Its output, one vector per target step, goes to a softmax over the target vocabulary outside this class.
 *
 * <p>Ids come as [mb, T]; masks as [mb, T] (non-zero at real steps; the source may be pre- or post-padded, the target
 * is post-padded); outputs and their gradients time-major [Tt, mb, width]. Not thread-safe.
 */
public final class EncoderDecoder {

    private final Seq2SeqShape shape;
    private final RecurrentStack encoder;
    private final RecurrentStack decoder;
    private final Attention attention;

    private int[] sourceIds;
    private int[] targetIds;
    private INDArray encoderOutputs;
    private StepWindow targetWindow;

    public EncoderDecoder(Seq2SeqShape shape) {
        this.shape = shape;
        this.encoder = new RecurrentStack(shape.cell(), shape.sourceEmbedding(), shape.units(), shape.layers(),
                shape.bidirectional());
        this.decoder = new RecurrentStack(shape.cell(), shape.targetEmbedding(), shape.decoderUnits(), shape.layers(),
                null);
        this.attention = shape.hasAttention() ? new Attention(shape.attention().score()) : null;
    }

    public Seq2SeqShape shape() {
        return shape;
    }

    /**
     * Teacher-forced forward pass: the decoder's (or attention's) output at every target step, [Tt, mb, width]; zero
     * at the steps where every example's target is padding (only the steps where some example is real are computed).
     */
    public INDArray forward(INDArray source, INDArray sourceMask, INDArray target, INDArray targetMask,
            Seq2SeqWeights w) {
        StepWindow sourceWindow = StepWindow.of(sourceMask, source.size(1));
        targetWindow = StepWindow.of(targetMask, target.size(1));
        source = sourceWindow.columns(source);
        sourceMask = sourceWindow.columns(sourceMask);
        target = targetWindow.columns(target);
        targetMask = targetWindow.columns(targetMask);
        long mb = source.size(0);
        sourceIds = EmbeddingLookup.ids(source, w.sourceEmbedding().size(0));
        targetIds = EmbeddingLookup.ids(target, w.targetEmbedding().size(0));
        INDArray xs = EmbeddingLookup.forward(w.sourceEmbedding(), sourceIds, source.size(1), mb);
        RecurrentStack.Result encoded = encoder.forward(xs, w.encoderStack(), null, sourceMask);
        encoderOutputs = encoded.outputs();
        INDArray xt = EmbeddingLookup.forward(w.targetEmbedding(), targetIds, target.size(1), mb);
        RecurrentStack.Result decoded = decoder.forward(xt, w.decoderStack(), encoded.finals(), targetMask);
        if (attention == null) {
            return targetWindow.pad(decoded.outputs());
        }
        return targetWindow.pad(attention.forward(decoded.outputs(), encoderOutputs, sourceMask, w.attentionScore(),
                w.attentionOutput()));
    }

    /** The encoder's outputs of the last teacher-forced forward pass, [Ts, mb, width] (kept for its backward pass). */
    INDArray lastEncoderOutputs() {
        return encoderOutputs;
    }

    /** Backward over the last forward pass: writes every weight gradient into {@code grads} (overwritten). */
    public void backward(INDArray dOutputs, Seq2SeqWeights w, Seq2SeqWeights grads) {
        INDArray dDecoder = targetWindow.steps(dOutputs);
        INDArray dEncoderOutputs = null;
        if (attention != null) {
            Attention.Gradients g = attention.backward(dDecoder, w.attentionScore(), w.attentionOutput(),
                    grads.attentionScore(), grads.attentionOutput());
            dDecoder = g.decoder();
            dEncoderOutputs = g.encoder();
        }
        RecurrentStack.Gradients decoded = decoder.backward(dDecoder, null, grads.decoderStack());
        EmbeddingLookup.backward(decoded.input(), targetIds, grads.targetEmbedding());
        List<RnnState> dFinals = new ArrayList<>(decoded.initial());
        RecurrentStack.Gradients encoded = encoder.backward(dEncoderOutputs, dFinals, grads.encoderStack());
        EmbeddingLookup.backward(encoded.input(), sourceIds, grads.sourceEmbedding());
    }

    /** What the decoder reads from the encoder: its outputs [Ts, mb, width], final states and the source mask. */
    public record Encoded(INDArray outputs, List<RnnState> finals, INDArray sourceMask) {
    }

    /** Runs the encoder alone (inference), over the steps where some source is real. */
    public Encoded encode(INDArray source, INDArray sourceMask, Seq2SeqWeights w) {
        StepWindow window = StepWindow.of(sourceMask, source.size(1));
        source = window.columns(source);
        sourceMask = window.columns(sourceMask);
        int[] ids = EmbeddingLookup.ids(source, w.sourceEmbedding().size(0));
        INDArray xs = EmbeddingLookup.forward(w.sourceEmbedding(), ids, source.size(1), source.size(0));
        RecurrentStack.Result encoded = encoder.forward(xs, w.encoderStack(), null, sourceMask);
        return new Encoded(encoded.outputs(), encoded.finals(), sourceMask);
    }

    /** One decoder step's outputs [n, width] and each layer's state after it. */
    public record Step(INDArray outputs, List<RnnState> states) {
    }

    /**
     * One decoder step for n hypotheses of one source (inference): each reads its last token from its state.
     *
     * @param memory the source's encoding, for one example (attention reads it)
     * @param states each decoder layer's state, [n, units] per part
     */
    public Step step(Encoded memory, List<RnnState> states, int[] tokens, Seq2SeqWeights w) {
        int n = tokens.length;
        INDArray ids = org.nd4j.linalg.factory.Nd4j.createFromArray(tokens).reshape(n, 1)
                .castTo(w.targetEmbedding().dataType());
        int[] rows = EmbeddingLookup.ids(ids, w.targetEmbedding().size(0));
        INDArray x = EmbeddingLookup.forward(w.targetEmbedding(), rows, 1, n);
        RecurrentStack.Result decoded = decoder.forward(x, w.decoderStack(), states, null);
        INDArray out = decoded.outputs();
        if (attention != null) {
            INDArray memoryRows = org.nd4j.linalg.factory.Nd4j.concat(1, repeat(memory.outputs(), n));
            INDArray mask = memory.sourceMask() == null ? null
                    : org.nd4j.linalg.factory.Nd4j.concat(0, repeat(memory.sourceMask(), n));
            out = attention.forward(out, memoryRows, mask, w.attentionScore(), w.attentionOutput());
        }
        return new Step(out.reshape('c', n, out.size(2)), decoded.finals());
    }

    private static INDArray[] repeat(INDArray a, int n) {
        INDArray[] copies = new INDArray[n];
        java.util.Arrays.fill(copies, a);
        return copies;
    }
}
