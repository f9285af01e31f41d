package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every enumerated spec value: an unknown one is refused naming the key, the value and the allowed values. */
class SpecEnumsTest {

    private static final String SPEC = """
            data: {format: demo}
            model:
              layers:
                - embedding: {output_dim: 8}
                - lstm: {units: 4}
                - dense: {units: 1, activation: sigmoid}
            output: {dir: /tmp/x}
            """;

    private static String error(String override) {
        return assertThrows(SpecException.class, () -> JobSpecLoader.parse("x.yaml", SPEC, List.of(override)))
                .getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "output.if_exists               | replace  | fail, overwrite, skip",
            "output.prepared_format         | orc      | parquet, jsonl",
            "training.approach              | copy     | direct, export",
            "training.repartition           | sometimes| always, never, num_partitions_workers_differs",
            "training.averaging_rounds      | some     | exact, dl4j",
            "training.early_stopping.monitor| val_f1   | val_loss, val_accuracy, loss, val_mse, val_mae",
            "training.lr_schedule.type      | linear   | exponential_decay, step, piecewise_constant, cosine_decay",
            "text.padding                   | middle   | pre, post",
            "text.truncating                | PRE      | pre, post",
            "model.optimizer.name           | adamw    | adam, rmsprop, sgd, adagrad",
            "model.loss                     | hinge    | binary_crossentropy, categorical_crossentropy, "
                    + "sparse_categorical_crossentropy, mse, mae",
            "data.format                    | xml      | demo, text-tree, tsv, csv, jsonl, parquet, conll",
            "data.encoding_errors           | ignore   | strict, replace",
    })
    void unknownValueNamesKeyValueAndAllowedValues(String key, String bad, String allowed) {
        assertEquals("x.yaml: " + key + ": must be one of " + allowed + ", got '" + bad + "'", error(key + "=" + bad));
    }

    @Test
    void aNumberIsNotTheConstantAtThatIndex() {
        // Jackson's default reads an integer as an enum's ordinal: padding: 1 would silently be post
        assertEquals("x.yaml: text.padding: must be one of pre, post, got '1'", error("text.padding=1"));
    }

    @Test
    void everySpellingBindsAndJobYamlWritesItBack() {
        JobSpec spec = JobSpecLoader.parse("x.yaml", SPEC, List.of("data.format=csv", "data.train=/in.csv",
                "text.padding=post", "text.truncating=post", "output.if_exists=skip", "output.prepared_format=jsonl",
                "training.approach=export", "training.repartition=num_partitions_workers_differs",
                "training.averaging_rounds=dl4j", "training.early_stopping.monitor=val_accuracy",
                "training.lr_schedule={type: cosine_decay, decay_epochs: 2}", "model.optimizer.name=sgd",
                "model.loss=binary_crossentropy", "data.encoding_errors=replace"));
        assertEquals(DataSpec.Format.CSV, spec.data().format());
        assertEquals(SequenceEnd.POST, spec.text().padding());
        assertEquals(IfExists.SKIP, spec.output().ifExists());
        assertEquals(OutputSpec.PreparedFormat.JSONL, spec.output().preparedFormat());
        assertEquals(TrainingSpec.Repartition.NUM_PARTITIONS_WORKERS_DIFFERS, spec.training().repartition());
        assertEquals(TrainingSpec.EarlyStoppingSpec.Monitor.VAL_ACCURACY, spec.training().earlyStopping().monitor());
        assertEquals(LearningRateScheduleSpec.Type.COSINE_DECAY, spec.training().lrSchedule().type());
        assertEquals(OptimizerSpec.Name.SGD, spec.model().optimizer().name());
        assertEquals(0.01, spec.model().optimizer().learningRate(), "Keras' sgd default");
        String yaml = JobSpecLoader.toYaml(spec);
        for (String written : List.of("format: csv", "padding: post", "if_exists: skip", "prepared_format: jsonl",
                "repartition: num_partitions_workers_differs", "monitor: val_accuracy", "type: cosine_decay",
                "name: sgd", "loss: binary_crossentropy", "encoding_errors: replace", "averaging_rounds: dl4j")) {
            assertEquals(true, yaml.contains(written), written + " in\n" + yaml);
        }
        assertEquals(spec, JobSpecLoader.parse("job.yaml", yaml, List.of()));
    }

    @Test
    void spellingsAreTheJsonPropertyNamesInOrder() {
        assertEquals(List.of("demo", "text-tree", "tsv", "csv", "jsonl", "parquet", "conll"),
                SpecValues.spellings(DataSpec.Format.class));
        assertEquals("text-tree", DataSpec.Format.TEXT_TREE.toString());
        assertEquals(java.util.Optional.of(IfExists.OVERWRITE), SpecValues.parse(IfExists.class, "overwrite"));
        assertEquals(java.util.Optional.empty(), SpecValues.parse(IfExists.class, "OVERWRITE"));
    }
}
