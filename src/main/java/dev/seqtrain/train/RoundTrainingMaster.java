package dev.seqtrain.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * DL4J's parameter averaging, fed round by round. Handed an epoch laid out by {@link PreparedBatches#rounds} (an RDD
 * partitioned by a {@link RoundPartitioner}), it runs DL4J's own averaging iteration (broadcast, fit on every worker,
 * average parameters and updater state) once per round on just that round's partitions, so every mini-batch is
 * fitted exactly once; DL4J's own path counts the epoch, caches it, cuts it into random splits and fits at most
 * averaging_frequency batches per worker of each, skipping the rest. Any other RDD takes DL4J's own path.
 *
 * <p>The workers' results are averaged in partition order ({@link OrderedAveraging}), so two runs of the same job
 * end with the same weights.
 *
 * <p>The epoch's loss is the mean over rounds (weighted by their batches) of the workers' average last-batch loss,
 * where DL4J reports only the last split's.
 */
final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
    private static final long serialVersionUID = 1L;

    RoundTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    @Override
    protected void executeTrainingDirect(SparkDl4jMultiLayer network, JavaRDD<DataSet> epoch) {
        Optional<RoundLayout> layout = RoundPartitioner.layoutOf(epoch);
        if (layout.isEmpty()) {
            super.executeTrainingDirect(network, epoch);
            return;
        }
        inRounds(network, layout.get(), r -> doIteration(network, RoundPartitioner.round(epoch, layout.get(), r), r + 1,
                layout.get().rounds()));
    }

    /** The same for batch files ({@link ExportedBatches}), each file one batch of batch_size_per_worker examples. */
    @Override
    public void executeTrainingPaths(SparkDl4jMultiLayer network, SparkComputationGraph graph, JavaRDD<String> paths,
                                     DataSetLoader dsLoader, MultiDataSetLoader mdsLoader) {
        Optional<RoundLayout> layout = RoundPartitioner.layoutOf(paths);
        if (layout.isEmpty() || network == null) {
            super.executeTrainingPaths(network, graph, paths, dsLoader, mdsLoader);
            return;
        }
        inRounds(network, layout.get(), r -> doIterationPaths(network, null, RoundPartitioner.round(paths, layout.get(), r),
                r + 1, layout.get().rounds(), batchSizePerWorker, dsLoader, null));
    }

    private void inRounds(SparkDl4jMultiLayer network, RoundLayout l, IntConsumer round) {
        if (collectTrainingStats) stats.logFitStart();
        // each round's partitions already are one per worker: DL4J must not repartition them
        Repartition configured = repartition;
        repartition = Repartition.Never;
        try {
            double lossSum = 0;
            for (int r = 0; r < l.rounds(); r++) {
                round.accept(r);
                lossSum += network.getScore() * l.batchesInRound(r);
            }
            if (l.batches() > 0) network.setScore(lossSum / l.batches());
        } finally {
            repartition = configured;
        }
        if (collectTrainingStats) stats.logFitEnd((int) Math.min(Integer.MAX_VALUE, l.batches()));
    }

    /**
     * DL4J's averaging step with the sum taken in partition order: divide the sums by the workers that fitted, set
     * the driver's parameters and updater state, the round's score and DL4J's iteration counter, as DL4J's own does.
     */
    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        if (network == null || statsStorage != null) { // graphs and DL4J's stats listeners: DL4J's own step
            super.processResults(null, graph, results, splitNum, totalSplits);
            return;
        }
        if (collectTrainingStats) stats.logAggregateStartTime();
        ParameterAveragingAggregationTuple sum;
        try {
            sum = OrderedAveraging.sum(results);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("averaging the workers' results failed", e);
        }
        if (collectTrainingStats) {
            stats.logAggregationEndTime();
            stats.logProcessParamsUpdaterStart();
        }
        boolean fitted = sum != null && sum.getParametersSum() != null;
        if (fitted) {
            int n = sum.getAggregationsCount();
            MultiLayerNetwork net = network.getNetwork();
            net.setParameters(sum.getParametersSum().divi(n));
            INDArray updater = sum.getUpdaterStateSum();
            if (updater != null) net.getUpdater().setStateViewArray(null, updater.divi(n), false);
            network.setScore(sum.getScoreSum() / n);
        }
        if (collectTrainingStats) {
            stats.logProcessParamsUpdaterEnd();
            if (sum != null) stats.addWorkerStats(sum.getSparkTrainingStats());
        }
        Nd4j.getExecutioner().commit();
        if (fitted) {
            var conf = network.getNetwork().getLayerWiseConfigurations();
            conf.setIterationCount(conf.getIterationCount() + averagingFrequency);
        }
    }
}
