package dev.seqtrain.model.seq2seq;

import java.util.ArrayList;
import java.util.List;

import dev.seqtrain.model.rnn.RnnState;
import dev.seqtrain.text.TargetSequences;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Decodes source sequences with a trained {@code Seq2Seq → RnnOutputLayer(softmax)} network: the encoder runs once
 * per source, then {@link BeamSearch} drives the decoder one step at a time from the encoder's final states, feeding
 * back the tokens it chose. Not thread-safe (one per thread or task).
 */
public final class Seq2SeqPredictor {

    static final String DECODING_ID = "seq2seq-decoding";
    /** As DL4J configures its working memory: it learns, and grows to, the largest decoding seen. */
    private static final WorkspaceConfiguration DECODING = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.OVER_TIME).cyclesBeforeInitialization(1)
            .policySpill(SpillPolicy.REALLOCATE).policyReset(ResetPolicy.BLOCK_LEFT).build();

    private final Seq2Seq conf;
    private final EncoderDecoder network;
    private final Seq2SeqWeights weights;
    private final INDArray outputKernel;
    private final INDArray outputBias;
    private final TargetSequences target;

    public Seq2SeqPredictor(MultiLayerNetwork net, TargetSequences target) {
        if (net.getnLayers() != 2 || !(net.getLayer(0).conf().getLayer() instanceof Seq2Seq)) {
            throw new IllegalArgumentException("not an encoder-decoder network: " + net.getLayerWiseConfigurations()
                    .getConfs().stream().map(c -> c.getLayer().getClass().getSimpleName()).toList());
        }
        this.conf = (Seq2Seq) net.getLayer(0).conf().getLayer();
        this.network = new EncoderDecoder(conf.shape());
        this.weights = Seq2SeqParamInitializer.weights(conf.shape(), net.getLayer(0).paramTable());
        this.outputKernel = net.getLayer(1).getParam("W");
        this.outputBias = net.getLayer(1).getParam("b");
        this.target = target;
        if (outputKernel.size(1) != target.outputClasses()) {
            throw new IllegalArgumentException("the network's softmax has " + outputKernel.size(1)
                    + " classes, the target vocabulary " + target.outputClasses());
        }
    }

    /**
     * Decodes one source.
     *
     * @param source the source's ids padded to the network's source steps as prepared (0 = padding)
     * @return the search's hypotheses, best first; their tokens are target ids without start and end
     */
    public List<Hypothesis> decode(int[] source, BeamSearch search) {
        if (source.length != conf.getSourceSteps()) {
            throw new IllegalArgumentException("source of " + source.length + " steps, the network reads "
                    + conf.getSourceSteps());
        }
        // every array of one decoding lives in this thread's workspace, reused by the next decoding; the hypotheses
        // hold only Java values
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(DECODING, DECODING_ID)) {
            EncoderDecoder.Encoded memory = encode(source);
            DecoderStep<List<RnnState>> step = (states, last) -> step(memory, states, last);
            return search.decode(step, memory.finals(), target.startToken(), target.endToken());
        }
    }

    EncoderDecoder.Encoded encode(int[] source) {
        INDArray ids = Nd4j.createFromArray(source).reshape(1, source.length).castTo(outputKernel.dataType());
        INDArray mask = ids.neq(0).castTo(outputKernel.dataType());
        return network.encode(ids, mask, weights);
    }

    /** The log-probabilities of each hypothesis' next token; padding (id 0) is never written. */
    List<DecoderStep.Next<List<RnnState>>> step(EncoderDecoder.Encoded memory, List<List<RnnState>> states,
            int[] last) {
        int layers = states.get(0).size();
        List<RnnState> stacked = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            INDArray[] h = new INDArray[states.size()];
            INDArray[] c = new INDArray[states.size()];
            for (int i = 0; i < states.size(); i++) {
                h[i] = states.get(i).get(l).h();
                c[i] = states.get(i).get(l).c();
            }
            stacked.add(new RnnState(Nd4j.concat(0, h), c[0] == null ? null : Nd4j.concat(0, c)));
        }
        EncoderDecoder.Step out = network.step(memory, stacked, last, weights);
        INDArray logits = out.outputs().mmul(outputKernel).addiRowVector(outputBias);
        INDArray logProbabilities = Transforms.log(Transforms.softmax(logits, true), false);
        List<DecoderStep.Next<List<RnnState>>> next = new ArrayList<>(last.length);
        for (int i = 0; i < last.length; i++) {
            List<RnnState> state = new ArrayList<>(layers);
            for (RnnState s : out.states()) {
                state.add(new RnnState(row(s.h(), i), s.c() == null ? null : row(s.c(), i)));
            }
            double[] lp = logProbabilities.getRow(i).toDoubleVector();
            lp[0] = Double.NEGATIVE_INFINITY;
            next.add(new DecoderStep.Next<>(lp, state));
        }
        return next;
    }

    private static INDArray row(INDArray a, int i) {
        return a.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()).dup('c');
    }
}
