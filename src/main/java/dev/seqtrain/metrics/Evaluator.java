package dev.seqtrain.metrics;

import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.batch.RowBatchers;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;
import java.util.List;

/**
 * The evaluation master: the loss and every metric of a network on an RDD of labelled batches, in one Spark job and
 * one forward pass per batch. The network goes out once as a broadcast ({@link BroadcastModel}: restored once per
 * task slot of an executor JVM, no updater state), each partition accumulates a {@link OnePassEvaluation} from the
 * outputs of inference-mode forward passes (no dropout, no activations kept for backprop), the driver merges them.
 * Validation during training and {@code seqtrain evaluate} both go through here.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * The batches of an evaluation: the model's own batch layout ({@code trainedWith}'s), {@code batchSize} rows
     * ({@code evaluation.batch_size}) sorted by length in chunks ({@link LengthSortedBatcher}).
     */
    public static RowBatcher batcher(TaskKind kind, ModelPlan plan, int numClasses, JobSpec trainedWith,
                                     int batchSize) {
        return LengthSortedBatcher.of(RowBatchers.of(kind, plan, numClasses, trainedWith, batchSize));
    }

    /** {@code net} is only read: it is serialized once on the driver and the executors score copies of it. */
    public static OnePassEvaluation evaluate(JavaSparkContext jsc, MultiLayerNetwork net, JavaRDD<DataSet> batches,
                                             Task task, KerasLoss loss) {
        BroadcastModel model = BroadcastModel.of(jsc, net);
        try {
            List<OnePassEvaluation> parts = batches
                    .mapPartitions(it -> List.of(partition(model, it, new OnePassEvaluation(task, loss))).iterator())
                    .collect();
            OnePassEvaluation all = new OnePassEvaluation(task, loss);
            for (OnePassEvaluation p : parts) all = all.merge(p);
            return all;
        } finally {
            model.destroy();
        }
    }

    /** One partition's batches into {@code into}, with one network borrowed for all of them. */
    static OnePassEvaluation partition(BroadcastModel model, Iterator<DataSet> batches, OnePassEvaluation into) {
        if (!batches.hasNext()) return into;
        MultiLayerNetwork net = model.borrow();
        try {
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                into.add(forward(net, ds), ds.getLabels(), ds.getLabelsMaskArray());
            }
        } finally {
            model.giveBack(net);
        }
        return into;
    }

    /** The one forward pass of a batch: inference mode, masks as in training, output detached from workspaces. */
    static INDArray forward(MultiLayerNetwork net, DataSet ds) {
        return net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
    }

    /**
     * DL4J's confusion counts under the model's label names. A binary head's single sigmoid column is read by DL4J
     * as two classes (threshold 0.5): {@code labels[0]} and {@code labels[1]}.
     */
    public static ClassificationReport report(Evaluation e, List<String> labels) {
        int n = labels.size();
        long[][] counts = new long[n][n];
        org.nd4j.evaluation.classification.ConfusionMatrix<Integer> cm = e.getConfusionMatrix();
        if (cm != null) {
            for (int a = 0; a < n; a++) {
                for (int p = 0; p < n; p++) counts[a][p] = cm.getCount(a, p);
            }
        }
        return new ClassificationReport(labels, counts);
    }
}
