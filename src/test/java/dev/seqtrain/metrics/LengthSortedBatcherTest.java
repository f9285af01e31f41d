package dev.seqtrain.metrics;

import dev.seqtrain.batch.BatchBuilder;
import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validation's length-sorted batches ({@link Evaluator#batcher}): every metric as with batches in stored order, over
 * the same examples, with far fewer padded time steps fed to the network; {@code evaluation.batch_size} sets the
 * batch.
 */
class LengthSortedBatcherTest {
    private static final int VOCABULARY = 40;
    private static final int T = 30;
    private static final int ROWS = 300;
    private static final int BATCH = 16;

    private static final String SPEC = """
            name: t
            output: {dir: /tmp/seqtrain-test}
            model:
              layers:
                - embedding: {output_dim: 8, mask_zero: true}
                - lstm: {units: 6}
                - dense: {units: 1, activation: sigmoid}
            """;

    /** Prepared rows {@code (ids, label)}: lengths alternate short and long, padded to T on side {@code pre}. */
    private static List<Row> rows(boolean pre) {
        Random r = new Random(5);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            int len = i % 2 == 0 ? 1 + r.nextInt(4) : T - r.nextInt(4);
            List<Integer> ids = new ArrayList<>();
            for (int t = 0; t < T; t++) ids.add(0);
            for (int t = 0; t < len; t++) ids.set(pre ? T - len + t : t, 1 + r.nextInt(VOCABULARY - 1));
            out.add(RowFactory.create(JavaConverters.asScalaBuffer(ids).toList(), r.nextInt(2)));
        }
        return out;
    }

    /** The evaluation of all batches, and the time steps (rows x batch width) fed to the network. */
    private static Map.Entry<OnePassEvaluation, Long> evaluate(MultiLayerNetwork net, Iterator<DataSet> batches) {
        OnePassEvaluation e = new OnePassEvaluation(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY);
        long steps = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            steps += ds.getFeatures().size(0) * ds.getFeatures().size(ds.getFeatures().rank() - 1);
            e.add(Evaluator.forward(net, ds), ds.getLabels(), ds.getLabelsMaskArray());
        }
        return Map.entry(e, steps);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sortedBatchesGiveTheSameMetricsWithLessPadding(boolean pre) {
        JobSpec spec = JobSpecLoader.parse("t.yaml", SPEC, List.of("text.padding=" + (pre ? "pre" : "post"),
                "evaluation.batch_size=" + BATCH));
        ModelPlan plan = ModelPlan.of(spec.model(), new ModelInput(VOCABULARY, T, 2));
        MultiLayerNetwork net = plan.newNetwork(11);
        List<Row> rows = rows(pre);

        RowBatcher sortedBatcher = Evaluator.batcher(dev.seqtrain.job.TaskKind.of(spec), plan, 2, spec, spec.evaluation().batchSize());
        assertEquals(BATCH, sortedBatcher.batchSize());
        var sorted = evaluate(net, sortedBatcher.batches(rows.iterator()));
        // what validation fed before: batches in stored order, each cut to its own longest row
        var stored = evaluate(net, new BatchBuilder(BATCH, 2, true, true, pre).batches(rows.iterator()));

        assertEquals(ROWS, sorted.getKey().lossTerms());
        Map<String, Double> expected = stored.getKey().metrics();
        Map<String, Double> actual = sorted.getKey().metrics();
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) assertEquals(expected.get(k), actual.get(k), 1e-6, k);
        // half the rows are 1-4 tokens long: sorted, their batches are cut to a few steps instead of ~T
        assertTrue(sorted.getValue() < 0.65 * stored.getValue(), sorted.getValue() + " steps sorted vs " + stored.getValue());
    }
}
