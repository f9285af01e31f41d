package dev.seqtrain.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementAddFunction;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementCombineFunction;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The sum of a round's worker results, added in partition order. DL4J's {@code treeAggregate} merges the workers'
 * sums on the driver in the order their tasks finish; float addition is not associative, so with three or more
 * workers two identical runs ended with different weights. Here each partition sums its own results (as DL4J's
 * does) and the driver adds the partitions' sums in partition order: the same work, a fixed order.
 */
final class OrderedAveraging {
    private OrderedAveraging() {
    }

    /** The round's sum (parameters, updater state, scores, statistics), or null when no worker fitted anything. */
    static ParameterAveragingAggregationTuple sum(JavaRDD<ParameterAveragingTrainingResult> results) throws Exception {
        List<ParameterAveragingAggregationTuple> perPartition = results.mapPartitions(OrderedAveraging::sumOf).collect();
        ParameterAveragingElementCombineFunction combine = new ParameterAveragingElementCombineFunction();
        ParameterAveragingAggregationTuple sum = null;
        for (ParameterAveragingAggregationTuple t : perPartition) sum = combine.call(sum, t);
        return sum;
    }

    private static Iterator<ParameterAveragingAggregationTuple> sumOf(Iterator<ParameterAveragingTrainingResult> results)
            throws Exception {
        ParameterAveragingElementAddFunction add = new ParameterAveragingElementAddFunction();
        ParameterAveragingAggregationTuple sum = null;
        while (results.hasNext()) sum = add.call(sum, results.next());
        return sum == null ? Collections.emptyIterator() : List.of(sum).iterator();
    }
}
