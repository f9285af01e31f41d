package dev.seqtrain.corpus;

import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numeric cells to a time-major row of timesteps x features, and the reasons a row is rejected. */
class NumericCellsTest {
    private static final NumericShape SHAPE = new NumericShape(2, 3, false);

    private static String reason(NumericRecords.Features f) {
        return assertThrows(NumericCells.Bad.class, f::read).getMessage();
    }

    /** A Spark array as a Row holds it after a Parquet read: a Scala sequence. */
    private static Object seq(Object... values) {
        return JavaConverters.asScalaBuffer(Arrays.asList(values)).toSeq();
    }

    @Test
    void aCellOfNumbersSeparatedBySpaces() throws Exception {
        assertArrayEquals(new float[]{1, -2.5f, 3e2f, 0, 0.125f, 7},
                NumericCells.fromText("  1 -2.5\t3e2 0   0.125 7 ", "x", SHAPE));
        assertEquals("column 'x' has 5 numbers, expected timesteps 2 x features 3 = 6 numbers",
                reason(() -> NumericCells.fromText("1 2 3 4 5", "x", SHAPE)));
        assertEquals("column 'x' has 7 numbers, expected timesteps 2 x features 3 = 6 numbers",
                reason(() -> NumericCells.fromText("1 2 3 4 5 6 7", "x", SHAPE)));
        assertEquals("column 'x' is empty; expected timesteps 2 x features 3 = 6 numbers",
                reason(() -> NumericCells.fromText("   ", "x", SHAPE)));
        assertEquals("column 'x' value 4 is not a finite number: 'abc'",
                reason(() -> NumericCells.fromText("1 2 3 abc 5 6", "x", SHAPE)));
        assertEquals("column 'x' value 6 is not a finite number: 'NaN'",
                reason(() -> NumericCells.fromText("1 2 3 4 5 NaN", "x", SHAPE)));
        assertEquals("column 'x' value 1 is not a finite number: '1e39'",
                reason(() -> NumericCells.fromText("1e39 2 3 4 5 6", "x", SHAPE)), "overflows a float");
        // commas are not separators: the cell is one token short of numbers, and "1,2" is not one
        assertTrue(reason(() -> NumericCells.fromText("1,2 3 4 5 6 7", "x", SHAPE)).contains("'1,2'"));
    }

    @Test
    void javaLiteralSyntaxIsNotANumberInADataFile() {
        for (String s : List.of("1f", "2d", "0x10", "Infinity", "-Infinity", "", "-", "1e")) {
            assertTrue(Float.isNaN(NumericCells.parse(s)), s);
        }
        assertEquals(-0.5f, NumericCells.parse("-.5"));
        assertEquals(1200f, NumericCells.parse("1.2E3"));
    }

    @Test
    void oneColumnPerNumberNamesTheBadColumn() throws Exception {
        List<String> cols = List.of("a0", "b0", "c0", "a1", "b1", "c1");
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6},
                NumericCells.fromCells(List.of("1", " 2", "3 ", "4", "5", "6"), cols));
        assertEquals("column 'b1' is empty", reason(() -> NumericCells.fromCells(List.of("1", "2", "3", "4", "", "6"), cols)));
        assertEquals("column 'c0' is not a finite number: 'n/a'",
                reason(() -> NumericCells.fromCells(List.of("1", "2", "n/a", "4", "5", "6"), cols)));
        assertEquals("column 'a1' is null",
                reason(() -> NumericCells.fromValues(Arrays.asList(1.0, 2.0, 3.0, null, 5.0, 6.0), cols)));
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6},
                NumericCells.fromValues(List.of(1, 2L, 3.0f, 4.0, "5", (short) 6), cols));
    }

    @Test
    void parquetArraysFlatOrOneArrayPerStep() throws Exception {
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6},
                NumericCells.fromValue(seq(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), "x", SHAPE));
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6},
                NumericCells.fromValue(seq(seq(1f, 2f, 3f), seq(4f, 5f, 6f)), "x", SHAPE), "time-major");
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, NumericCells.fromValue("1 2 3 4 5 6", "x", SHAPE));
        assertEquals("column 'x' has 3 time steps, expected 2 (model.input.timesteps)",
                reason(() -> NumericCells.fromValue(seq(seq(1, 2, 3), seq(4, 5, 6), seq(7, 8, 9)), "x", SHAPE)));
        assertEquals("column 'x' step 2 has 2 numbers, expected 3 (model.input.features)",
                reason(() -> NumericCells.fromValue(seq(seq(1, 2, 3), seq(4, 5)), "x", SHAPE)));
        assertEquals("column 'x' step 2 is not an array",
                reason(() -> NumericCells.fromValue(seq(seq(1, 2, 3), 4), "x", SHAPE)));
        assertEquals("column 'x' value 5 is not a finite number: 'null'",
                reason(() -> NumericCells.fromValue(seq(seq(1, 2, 3), seq(4, null, 6)), "x", SHAPE)));
        assertEquals("column 'x' value 2 is not a finite number: 'NaN'",
                reason(() -> NumericCells.fromValue(seq(1.0, Double.NaN, 3.0, 4.0, 5.0, 6.0), "x", SHAPE)));
        assertEquals("column 'x' is null", reason(() -> NumericCells.fromValue(null, "x", SHAPE)));
        assertEquals("column 'x' holds Integer, not numbers", reason(() -> NumericCells.fromValue(7, "x", SHAPE)));
    }

    @Test
    void aRecordChecksFeaturesThenLabelThenId() {
        NumericShape regression = new NumericShape(2, 3, true);
        NumericRecords.Features ok = () -> new float[6];
        Parsed good = NumericRecords.check("f:3", 2, null, false, ok, " 1.5 ", true, regression, () -> "raw");
        assertTrue(good.good());
        assertEquals("f:3", good.row().getString(0));
        assertEquals("1.5", good.row().getString(3));
        Parsed badLabel = NumericRecords.check("f:4", 3, null, false, ok, "high", true, regression, () -> "raw");
        assertEquals("label 'high' is not a finite number (a regression target)", badLabel.row().getString(1));
        // class labels are names: any string goes
        assertTrue(NumericRecords.check("f:4", 3, null, false, ok, "high", true, SHAPE, () -> "raw").good());
        Parsed missing = NumericRecords.check("f:5", 4, null, false, ok, " ", true, regression, () -> "raw");
        assertEquals("missing label", missing.row().getString(1));
        // predict input: no label needed, and an unreadable one is not checked
        assertTrue(NumericRecords.check("f:5", 4, null, false, ok, null, false, SHAPE, () -> "raw").good());
        Parsed badCells = NumericRecords.check("f:6", 5, null, false,
                () -> NumericCells.fromText("1 2", "x", SHAPE), "1", true, regression, () -> "the raw line");
        assertEquals("f:6", badCells.row().getString(0));
        assertEquals("column 'x' has 2 numbers, expected timesteps 2 x features 3 = 6 numbers", badCells.row().getString(1));
        assertEquals("the raw line", badCells.row().getString(2));
        Parsed emptyId = NumericRecords.check("f:7", 6, " ", true, ok, "1", true, regression, () -> "raw");
        assertEquals("empty id", emptyId.row().getString(1));
    }
}
