package dev.seqtrain.metrics;

import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The order in which to score a chunk of prepared rows: by real length (non-zero token ids), so that each inference
 * batch holds sequences of similar lengths and the batch builder's cut to the longest member removes most of the
 * padding. Predictions go back to the rows' own positions afterwards (output order is input order); an evaluation's
 * sums do not depend on the order.
 *
 * <p>Longest first: the recurrent engine keeps its step buffers while a batch's steps fit the capacity they were
 * allocated for (model/rnn RnnBuffers), so a chunk's first, widest batch sizes them for the rest of the chunk. Shortest
 * first made every batch outgrow them: a new set of buffers per batch (hundreds of MB off-heap for 512 rows of 200
 * steps), left to the garbage collector, which let a predict's resident memory grow by gigabytes.
 */
public final class LengthOrder {
    private LengthOrder() {
    }

    /** Positions of {@code rows} from longest to shortest (stable: equal lengths keep their order). */
    public static int[] of(List<Row> rows, int idsColumn) {
        int[] length = new int[rows.size()];
        for (int i = 0; i < length.length; i++) length[i] = realLength(rows.get(i).getList(idsColumn));
        return IntStream.range(0, length.length).boxed()
                .sorted(Comparator.comparingInt(i -> -length[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Rows in the given order. */
    public static List<Row> arranged(List<Row> rows, int[] order) {
        return Arrays.stream(order).mapToObj(rows::get).toList();
    }

    private static int realLength(List<Integer> ids) {
        int n = 0;
        for (Integer id : ids) if (id != 0) n++;
        return n;
    }
}
