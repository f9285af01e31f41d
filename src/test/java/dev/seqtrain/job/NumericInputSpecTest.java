package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** data.features_column / data.feature_columns against model.input: the spec errors a user sees before Spark. */
class NumericInputSpecTest {

    static final String NUMERIC = """
            name: n
            data: {format: parquet, train: /data/series, features_column: x, label_column: y}
            model:
              input: {timesteps: 4, features: 3}
              layers:
                - gru: {units: 8}
                - dense: {units: 1}
              loss: mse
            output: {dir: /tmp/n}
            """;

    static final String TEXT = """
            name: t
            data: {format: tsv, train: /data/train.tsv}
            model:
              layers:
                - embedding: {output_dim: 8, input_dim: 100}
                - lstm: {units: 8}
                - dense: {units: 1, activation: sigmoid}
            output: {dir: /tmp/t}
            """;

    private static String error(String yaml, String... overrides) {
        return assertThrows(SpecException.class, () -> JobSpecLoader.parse("x.yaml", yaml, List.of(overrides)))
                .getMessage();
    }

    @Test
    void readsBothWaysOfNamingTheNumbers() {
        JobSpec packed = JobSpecLoader.parse("x.yaml", NUMERIC, List.of());
        assertEquals("x", packed.data().featuresColumn());
        assertEquals(List.of(), packed.data().featureColumns());
        JobSpec columns = JobSpecLoader.parse("x.yaml", NUMERIC, List.of("data.features_column=",
                "data.format=csv", "data.feature_columns=[a0, b0, c0, a1, b1, c1, a2, b2, c2, a3, b3, c3]"));
        assertNull(columns.data().featuresColumn());
        assertEquals(12, columns.data().featureColumns().size());
        // the demo generates numeric series: no columns to name
        JobSpecLoader.parse("x.yaml", NUMERIC, List.of("data.format=demo", "data.features_column="));
        // job.yaml keeps the keys for provenance, and reads back the same
        JobSpec again = JobSpecLoader.parse("job.yaml", JobSpecLoader.toYaml(columns), List.of());
        assertEquals(columns.data(), again.data());
    }

    @Test
    void aNumericModelNeedsItsColumnsAndATimestepCount() {
        assertEquals("x.yaml: data.features_column: required for numeric input (model.input): the column holding "
                + "timesteps x features numbers per row, or data.feature_columns: [one column per number]",
                error(NUMERIC, "data.features_column="));
        // a model alone may leave the time steps open (Keras' input_shape=(None, 3)); preparing data may not
        JobSpec open = JobSpecLoader.parse("x.yaml", NUMERIC, List.of("model.input.timesteps="));
        assertEquals(Optional.of("model.input.timesteps: required to prepare numeric data: every row holds timesteps"
                + " x features numbers, e.g. input: {timesteps: 10, features: 3}"),
                JobSpecValidator.requireTrainingData(open));
        assertEquals(Optional.empty(), JobSpecValidator.requireTrainingData(JobSpecLoader.parse("x.yaml", NUMERIC,
                List.of())));
        assertEquals("x.yaml: data.format: numeric input (model.input) is read from demo, tsv, csv, jsonl, parquet (demo "
                + "generates sequences), got 'conll'", error(NUMERIC, "data.format=conll"));
        assertEquals("x.yaml: data.feature_columns: model.input is timesteps 4 x features 3 = 12 numbers per row, but"
                + " 2 columns are named (time-major: all features of step 1, then step 2, ...)",
                error(NUMERIC, "data.features_column=", "data.feature_columns=[a, b]"));
        assertEquals("x.yaml: data.features_column: give either data.features_column (one cell per row) or "
                + "data.feature_columns (one column per number), not both", error(NUMERIC, "data.feature_columns=[a]"));
        assertEquals("x.yaml: data.features_column: 'y' is also data.label_column",
                error(NUMERIC, "data.features_column=y"));
        String twelve = "[a0, b0, c0, a1, b1, c1, a2, b2, c2, a3, b3, a0]";
        assertEquals("x.yaml: data.feature_columns[11]: 'a0' is named twice",
                error(NUMERIC, "data.features_column=", "data.feature_columns=" + twelve));
        assertEquals("x.yaml: data.feature_columns[11]: 'y' is also data.label_column",
                error(NUMERIC, "data.features_column=", "data.feature_columns=" + twelve.replace("a0]", "y]")));
    }

    @Test
    void aTextModelMustNotNameFeatureColumns() {
        assertEquals("x.yaml: data.features_column: only for numeric input: add model.input: {timesteps: T, "
                + "features: F} (and no embedding layer), or remove the key (a text model reads data.text_column)",
                error(TEXT, "data.features_column=x"));
        assertEquals("x.yaml: data.feature_columns: only for numeric input: add model.input: {timesteps: T, "
                + "features: F} (and no embedding layer), or remove the key (a text model reads data.text_column)",
                error(TEXT, "data.feature_columns=[a, b]"));
    }

    @Test
    void earlyStoppingMonitorsRegressionMetricsByKerasNames() {
        for (String m : List.of("val_mse", "val_mae", "val_loss", "loss")) {
            JobSpecLoader.parse("x.yaml", NUMERIC, List.of("training.early_stopping.monitor=" + m));
        }
        assertEquals("x.yaml: training.early_stopping.monitor: must be one of val_loss, val_accuracy, loss, val_mse, "
                + "val_mae, got 'val_rmse'", error(NUMERIC, "training.early_stopping.monitor=val_rmse"));
    }
}
