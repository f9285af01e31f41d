package dev.seqtrain.model.rnn;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a layer's DL4J parameter table (or gradient table) maps to the engine's {@link RnnWeights}. seqtrain's own layer
 * stores Keras' layout and hands its views over ({@link #KERAS}); a legacy layout converts.
 */
public interface ParamLayout {

    /** The engine's weights from the parameters by key (possibly with weight noise). */
    RnnWeights weights(Map<String, INDArray> params);

    /** Where the engine writes the weight gradients; {@link #storeGradients} then moves them into the views. */
    RnnWeights gradients(Map<String, INDArray> gradientViews);

    /** After a backward pass into {@link #gradients}: the gradient table's views hold the result. */
    void storeGradients(RnnWeights gradients, Map<String, INDArray> gradientViews);

    /** Keras' layout in the table itself (W, RW, b as {@link RecurrentParamInitializer} lays them out). */
    ParamLayout KERAS = new ParamLayout() {
        @Override
        public RnnWeights weights(Map<String, INDArray> params) {
            return views(params);
        }

        @Override
        public RnnWeights gradients(Map<String, INDArray> gradientViews) {
            return views(gradientViews);
        }

        @Override
        public void storeGradients(RnnWeights gradients, Map<String, INDArray> gradientViews) {
            // written in place
        }

        private RnnWeights views(Map<String, INDArray> table) {
            return new RnnWeights(table.get(RecurrentParamInitializer.WEIGHT_KEY),
                    table.get(RecurrentParamInitializer.RECURRENT_WEIGHT_KEY),
                    table.get(RecurrentParamInitializer.BIAS_KEY));
        }
    };
}
