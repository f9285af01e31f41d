package dev.seqtrain.model.seq2seq;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The score of every (decoder step, source step) pair of a whole batch, batch-major, before masking and softmax;
 * keeps what its backward pass needs from the last forward pass. Not thread-safe.
 */
interface AttentionScore {

    /**
     * @param states the decoder's outputs [mb, Tt, ud], contiguous
     * @param memory the encoder's outputs [mb, Ts, e], contiguous
     * @param weights the score's parameters in {@link Seq2SeqParamInitializer}'s order
     * @return the scores [mb, Tt, Ts]
     */
    INDArray forward(INDArray states, INDArray memory, List<INDArray> weights);

    /**
     * Backward over the last forward pass: writes the parameters' gradients into {@code dWeights} (overwritten) and
     * adds the states' and memory's gradients into {@code dStates} [mb, Tt, ud] and {@code dMemory} [mb, Ts, e].
     */
    void backward(INDArray dScores, List<INDArray> weights, List<INDArray> dWeights, INDArray dStates,
            INDArray dMemory);
}
