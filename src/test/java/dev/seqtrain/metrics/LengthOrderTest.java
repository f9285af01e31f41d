package dev.seqtrain.metrics;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Inference order by real length: longest first, so a chunk's first batch is its widest and the recurrent engine's
 * step buffers, sized by it, fit every later batch of the chunk (shortest first outgrew them at every batch).
 */
class LengthOrderTest {
    /** A prepared row whose ids hold {@code real} non-zero tokens, padded with zeros to 6 on the left. */
    private static Row row(int real) {
        List<Integer> ids = new ArrayList<>();
        for (int t = 0; t < 6; t++) ids.add(t < 6 - real ? 0 : 7);
        return RowFactory.create(JavaConverters.asScalaBuffer(ids).toList());
    }

    @Test
    void longestFirstAndStableAmongEqualLengths() {
        List<Row> rows = List.of(row(2), row(5), row(0), row(5), row(3), row(6));
        assertArrayEquals(new int[] {5, 1, 3, 4, 0, 2}, LengthOrder.of(rows, 0));
    }
}
