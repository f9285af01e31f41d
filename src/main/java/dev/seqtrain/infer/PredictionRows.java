package dev.seqtrain.infer;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.List;

/** How the network's output for one input row becomes a prediction row, per task. */
public interface PredictionRows extends Serializable {

    /** The columns of the predictions. */
    StructType schema();

    /** The prediction of the row {@code id} from its network output. */
    Row row(String id, double[] output);

    /** A classifier's: {@code id, predicted_label, probability} (array in labels.json order). */
    static PredictionRows classes(List<String> labels, boolean binaryHead) {
        return new Classes(labels.toArray(new String[0]), binaryHead);
    }

    /** A regression's: {@code id, prediction}. */
    static PredictionRows targets() {
        return new Targets();
    }

    /**
     * @param labels     class names in index order (labels.json)
     * @param binaryHead one sigmoid unit giving p(labels[1]); else one softmax unit per class
     */
    record Classes(String[] labels, boolean binaryHead) implements PredictionRows {
        static final StructType SCHEMA = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("predicted_label", DataTypes.StringType, false)
                .add("probability", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

        @Override
        public StructType schema() {
            return SCHEMA;
        }

        @Override
        public Row row(String id, double[] output) {
            Double[] p = binaryHead ? new Double[]{1 - output[0], output[0]} : new Double[labels.length];
            if (!binaryHead) for (int c = 0; c < p.length; c++) p[c] = output[c];
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            return RowFactory.create(id, labels[best], p);
        }
    }

    /** One linear unit: the predicted target. */
    record Targets() implements PredictionRows {
        static final StructType SCHEMA = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("prediction", DataTypes.DoubleType, false);

        @Override
        public StructType schema() {
            return SCHEMA;
        }

        @Override
        public Row row(String id, double[] output) {
            return RowFactory.create(id, output[0]);
        }
    }
}
