package dev.seqtrain.train;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.rdd.RDD;
import scala.Option;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Optional;

/**
 * Sends the row at epoch position {@code key} (a Long) to its {@link RoundLayout} slot. An RDD partitioned by it
 * carries its layout along, which is how {@link RoundTrainingMaster} knows the rounds of the epoch it is handed.
 */
final class RoundPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final RoundLayout layout;

    RoundPartitioner(RoundLayout layout) {
        this.layout = layout;
    }

    @Override
    public int numPartitions() {
        // Spark wants at least one partition; an empty epoch has no slot and its one partition stays empty
        return Math.max(1, layout.slots());
    }

    @Override
    public int getPartition(Object key) {
        return layout.slotOf((Long) key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundPartitioner p && p.layout.equals(layout);
    }

    @Override
    public int hashCode() {
        return layout.hashCode();
    }

    /** The layout of an RDD partitioned by a RoundPartitioner, if it is. */
    static Optional<RoundLayout> layoutOf(JavaRDD<?> rdd) {
        Option<Partitioner> p = rdd.rdd().partitioner();
        return p.isDefined() && p.get() instanceof RoundPartitioner r ? Optional.of(r.layout) : Optional.empty();
    }

    /** Round {@code r}'s slots of a laid-out RDD, without reading the other partitions. */
    static <T> JavaRDD<T> round(JavaRDD<T> laidOut, RoundLayout layout, int r) {
        int from = layout.firstSlot(r);
        int to = from + layout.slotsInRound(r);
        RDD<T> pruned = PartitionPruningRDD.create(laidOut.rdd(), new SlotRange(from, to));
        return new JavaRDD<>(pruned, laidOut.classTag());
    }

    /** The values of a laid-out partition's (position, value) pairs, in position order. */
    static <T> Iterator<T> values(Iterator<Tuple2<Long, T>> positioned) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return positioned.hasNext();
            }

            @Override
            public T next() {
                return positioned.next()._2();
            }
        };
    }

    /** Partitions {@code [from, to)}; shipped with the pruned RDD's lineage, hence Serializable. */
    private static final class SlotRange extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;

        SlotRange(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public Object apply(Object index) {
            int i = (Integer) index;
            return i >= from && i < to;
        }
    }
}
