package dev.seqtrain.train;

import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.TaskKind;
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
/** Prepared data that does not suit the model fails before training, saying what to do. */
class PreparedFitTest {

    @Test
    void preparedDataMustFitTheModel() {
        ModelSpec model = JobSpecLoader.parse("x.yaml", """
                model:
                  input: {timesteps: 4, features: 3}
                  layers: [{lstm: {units: 4}}, {dense: {units: 1}}]
                output: {dir: /tmp/x}
                data: {format: demo}
                """, List.of()).model();
        ModelPlan plan = ModelPlan.of(model, new ModelInput(0, 4, 0));
        PreparedData fits = new PreparedData(TaskKind.NUMERIC, "/p", OutputSpec.PreparedFormat.PARQUET, 4, 10, 2, null, NumericRows.targetIndex(), 3);
        PreparedFit.check(plan, fits);
        assertEquals("model.input: the prepared data in /p holds timesteps 5 x features 3, the model expects timesteps"
                        + " 4 x features 3; run 'seqtrain prepare' again for this model",
                assertThrows(SpecException.class, () -> PreparedFit.check(plan,
                        new PreparedData(TaskKind.NUMERIC, "/p", OutputSpec.PreparedFormat.PARQUET, 5, 10, 2, null, NumericRows.targetIndex(), 3))).getMessage());
        ModelSpec open = JobSpecLoader.parse("x.yaml", "model: {input: {features: 3}, layers: [{lstm: {units: 4}}, "
                + "{dense: {units: 1}}]}\noutput: {dir: /tmp/x}\n", List.of()).model();
        assertEquals("model.input.timesteps: required to train on numeric data; the prepared data in /p has timesteps 4",
                assertThrows(SpecException.class, () -> PreparedFit.check(ModelPlan.of(open, new ModelInput(0, 4, 0)),
                        fits)).getMessage());
        LabelIndex classes = LabelIndex.of(List.of("down", "up"), "label");
        assertEquals("model.loss: the prepared data in /p holds class labels, but the model is a regression (mse); "
                        + "run 'seqtrain prepare' again for this model",
                assertThrows(SpecException.class, () -> PreparedFit.check(plan,
                        new PreparedData(TaskKind.NUMERIC, "/p", OutputSpec.PreparedFormat.PARQUET, 4, 10, 2, null, classes, 3))).getMessage());
    }
}
