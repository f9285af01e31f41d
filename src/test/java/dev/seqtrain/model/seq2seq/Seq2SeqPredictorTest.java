package dev.seqtrain.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.RnnState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/** Step-by-step decoding against the teacher-forced network, and decoding a trained model. */
class Seq2SeqPredictorTest {

    private static int[] paddedSource(int[] src) {
        int[] padded = new int[ReversalTask.SOURCE_STEPS];
        System.arraycopy(src, 0, padded, padded.length - src.length, src.length);
        return padded;
    }

    @Test
    void feedingTheTrueTokensOneStepAtATimeGivesTheTeacherForcedProbabilities() {
        for (Seq2SeqShape shape : new Seq2SeqShape[] {
                new Seq2SeqShape(CellType.LSTM, ReversalTask.SOURCE_VOCABULARY, 5,
                        ReversalTask.TARGET.inputVocabularySize(), 4, 6, 2, null, false),
                new Seq2SeqShape(CellType.GRU, ReversalTask.SOURCE_VOCABULARY, 5,
                        ReversalTask.TARGET.inputVocabularySize(), 4, 3, 1, StateMerge.CONCAT, true)}) {
            MultiLayerNetwork net = new MultiLayerNetwork(Seq2SeqLayerTest.configuration(shape, new Adam(1e-3),
                    DataType.FLOAT, 9));
            net.init();
            int[][] sources = ReversalTask.sources(4, 3);
            DataSet batch = ReversalTask.batch(sources, DataType.FLOAT);
            INDArray probabilities = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(),
                    batch.getLabelsMaskArray());
            Seq2SeqPredictor predictor = new Seq2SeqPredictor(net, ReversalTask.TARGET);
            for (int b = 0; b < sources.length; b++) {
                EncoderDecoder.Encoded memory = predictor.encode(paddedSource(sources[b]));
                List<RnnState> state = memory.finals();
                int[] input = ReversalTask.TARGET.input(ReversalTask.reversed(sources[b]));
                for (int t = 0; t <= sources[b].length; t++) {
                    DecoderStep.Next<List<RnnState>> next = predictor.step(memory, List.of(state),
                            new int[] {input[t]}).get(0);
                    for (int k = 1; k < ReversalTask.TARGET.outputClasses(); k++) {
                        assertEquals(Math.log(probabilities.getDouble(b, k, t)), next.logProbabilities()[k], 1e-4,
                                shape + " example " + b + " step " + t + " class " + k);
                    }
                    state = next.state();
                }
            }
        }
    }

    @Test
    void greedyAndBeamDecodingOfATrainedModel() {
        MultiLayerNetwork net = new MultiLayerNetwork(Seq2SeqLayerTest.configuration(
                Seq2SeqLayerTest.shape(CellType.LSTM, 32, null, false), new Adam(0.01), DataType.FLOAT, 42));
        net.init();
        int[][] train = ReversalTask.sources(2048, 1);
        for (int epoch = 0; epoch < 12; epoch++) {
            for (int start = 0; start < train.length; start += 64) {
                net.fit(ReversalTask.batch(Arrays.copyOfRange(train, start, start + 64), DataType.FLOAT));
            }
        }
        Seq2SeqPredictor predictor = new Seq2SeqPredictor(net, ReversalTask.TARGET);
        int[][] test = ReversalTask.sources(200, 2);
        int greedyRight = 0;
        int beamRight = 0;
        for (int[] src : test) {
            List<Integer> expected = Arrays.stream(ReversalTask.reversed(src)).boxed().toList();
            Hypothesis greedy = predictor.decode(paddedSource(src), BeamSearch.greedy(10)).get(0);
            List<Hypothesis> beam = predictor.decode(paddedSource(src), new BeamSearch(3, 10, 1.0));
            assertTrue(beam.size() <= 3);
            greedyRight += greedy.tokens().equals(expected) ? 1 : 0;
            beamRight += beam.get(0).tokens().equals(expected) ? 1 : 0;
        }
        double greedyExact = greedyRight / (double) test.length;
        double beamExact = beamRight / (double) test.length;
        assertTrue(greedyExact >= 0.9, "greedy exact match " + greedyExact);
        assertTrue(beamExact >= 0.9, "beam exact match " + beamExact);
    }
}
