package dev.seqtrain.batch;

import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.prepare.NumericRows;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.text.LabelIndex;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numeric rows → [mb, F, T] batches (DL4J's NCW), and prepared data that does not fit the model. */
class NumericBatchBuilderTest {

    /** A prepared row as Spark hands it over: the time-major features as a Scala sequence, then the label. */
    private static Row row(Object label, float... x) {
        List<Float> values = new ArrayList<>();
        for (float v : x) values.add(v);
        return RowFactory.create(JavaConverters.asScalaBuffer(values).toSeq(), label);
    }

    @Test
    void timeMajorRowsBecomeFeaturesByTimeStepsWithTargets() {
        NumericBatchBuilder b = new NumericBatchBuilder(2, 3, 2, Task.REGRESSION, 0);
        assertEquals("features", b.inputColumn());
        // row 1: steps (1,2) (3,4) (5,6); row 2: (10,20) (30,40) (50,60)
        List<Row> rows = List.of(row(0.5f, 1, 2, 3, 4, 5, 6), row(-1.25f, 10, 20, 30, 40, 50, 60), row(2f, 7, 7, 7, 7, 7, 7));
        Iterator<DataSet> it = b.batches(rows.iterator());
        DataSet first = it.next();
        assertArrayEquals(new long[]{2, 2, 3}, first.getFeatures().shape());
        assertEquals(3f, first.getFeatures().getFloat(0, 0, 1), "row 0, feature 0, step 1");
        assertEquals(60f, first.getFeatures().getFloat(1, 1, 2), "row 1, feature 1, step 2");
        assertArrayEquals(new float[]{1, 3, 5, 2, 4, 6, 10, 30, 50, 20, 40, 60}, first.getFeatures().data().asFloat());
        assertNull(first.getFeaturesMaskArray(), "every row has all its steps");
        assertArrayEquals(new long[]{2, 1}, first.getLabels().shape());
        assertArrayEquals(new float[]{0.5f, -1.25f}, first.getLabels().data().asFloat());
        DataSet second = it.next();
        assertArrayEquals(new long[]{1, 2, 3}, second.getFeatures().shape());
        assertFalse(it.hasNext());
    }

    @Test
    void classIndexesBecomeOneHotOrZeroOne() {
        DataSet multi = new NumericBatchBuilder(4, 1, 1, Task.MULTICLASS, 3)
                .batches(List.of(row(2, 1), row(0, 2)).iterator()).next();
        assertArrayEquals(new float[]{0, 0, 1, 1, 0, 0}, multi.getLabels().data().asFloat());
        DataSet binary = new NumericBatchBuilder(4, 1, 1, Task.BINARY, 2)
                .batches(List.of(row(1, 1), row(0, 2)).iterator()).next();
        assertArrayEquals(new long[]{2, 1}, binary.getLabels().shape());
        assertArrayEquals(new float[]{1, 0}, binary.getLabels().data().asFloat());
    }

    @Test
    void aRowOfAnotherShapeSaysToPrepareAgain() {
        NumericBatchBuilder b = new NumericBatchBuilder(4, 3, 2, Task.REGRESSION, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> b.batches(List.of(row(1f, 1, 2, 3, 4)).iterator()).next());
        assertTrue(e.getMessage().contains("prepare the data again"), e.getMessage());
    }
}
