package dev.seqtrain.infer;

import dev.seqtrain.train.BatchBuilder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.Serializable;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Scores one partition on an executor: indexed rows {@code (ids, 0, id)} → {@code (id, predicted_label, probability)},
 * batch by batch with one borrowed network ({@link PooledScoring}), in the batch layout the model was trained with
 * ({@link BatchBuilder}).
 */
public final class PartitionScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("predicted_label", DataTypes.StringType, false)
            .add("probability", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private final BroadcastModel model;
    private final BatchBuilder builder;
    private final String[] labels;
    private final boolean binaryHead;
    private final int batchSize;

    /**
     * @param builder    built like the training batches (masking, padding side); its label layout is ignored
     * @param labels     class names in index order (labels.json)
     * @param binaryHead one sigmoid unit giving p(labels[1]); else one softmax unit per class
     */
    public PartitionScorer(BroadcastModel model, BatchBuilder builder, List<String> labels, boolean binaryHead,
                           int batchSize) {
        this.model = model;
        this.builder = builder;
        this.labels = labels.toArray(new String[0]);
        this.binaryHead = binaryHead;
        this.batchSize = batchSize;
    }

    /** Rows with {@code ids} at 0, a placeholder int label at 1 (what BatchBuilder reads) and {@code id} at 2. */
    public Iterator<Row> score(Iterator<Row> rows) {
        return PooledScoring.score(model, rows, batchSize, this::scoreBatch);
    }

    private void scoreBatch(MultiLayerNetwork network, List<Row> batch, Deque<Row> out) {
        DataSet ds = builder.batches(batch.iterator()).next();
        INDArray output = network.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        double[][] scores = output.toDoubleMatrix();
        for (int i = 0; i < batch.size(); i++) {
            Double[] p = probabilities(scores[i]);
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            out.addLast(RowFactory.create(batch.get(i).getString(2), labels[best], p));
        }
    }

    private Double[] probabilities(double[] scores) {
        if (binaryHead) return new Double[]{1 - scores[0], scores[0]};
        Double[] p = new Double[labels.length];
        for (int c = 0; c < p.length; c++) p[c] = scores[c];
        return p;
    }
}
