package dev.seqtrain.batch;

import dev.seqtrain.model.Task;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.List;

/**
 * One label per sequence → the labels array of a mini-batch (ModelPlan's layout): {@code [mb, 1]} of 0/1 for a
 * binary head, one-hot {@code [mb, C]} for a softmax head, {@code [mb, 1]} of targets for a regression head.
 */
final class SequenceLabels implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Task task;
    private final int numClasses;

    /** {@code task}: BINARY, MULTICLASS or REGRESSION; {@code numClasses} matters for MULTICLASS only. */
    SequenceLabels(Task task, int numClasses) {
        this.task = task;
        this.numClasses = numClasses;
    }

    /** The labels of {@code rows}, read from field {@code column}: a class index (int) or a target (float). */
    INDArray of(List<Row> rows, int column) {
        int mb = rows.size();
        if (task == Task.MULTICLASS) {
            float[] y = new float[mb * numClasses];
            for (int i = 0; i < mb; i++) y[i * numClasses + ((Number) rows.get(i).get(column)).intValue()] = 1f;
            return Nd4j.create(y, new long[]{mb, numClasses}, 'c');
        }
        float[] y = new float[mb];
        for (int i = 0; i < mb; i++) y[i] = ((Number) rows.get(i).get(column)).floatValue();
        return Nd4j.create(y, new long[]{mb, 1}, 'c');
    }
}
