package dev.seqtrain.job;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** No silent misreads of a spec: duplicate keys, anchors, aliases and merge keys are errors naming the line. */
class StrictSpecTest {

    private static String error(String yaml, String... overrides) {
        SpecException e = assertThrows(SpecException.class, () -> JobSpecLoader.parse("x.yaml", yaml, List.of(overrides)));
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void duplicateTopLevelKeyNamesTheLineAndKey() {
        assertEquals("x.yaml (line 4): duplicate key 'name'", error("""
                name: first
                data: {format: demo}
                output: {dir: /tmp/o}
                name: second
                """));
    }

    @Test
    void duplicateNestedKeysNameTheLineKeyAndPath() {
        assertEquals("x.yaml (line 4): duplicate key 'format' in data", error("""
                name: n
                data:
                  format: demo
                  format: tsv
                output: {dir: /tmp/o}
                """));
        assertEquals("x.yaml (line 5): duplicate key 'units' in model.layers[1].lstm", error("""
                name: n
                model:
                  layers:
                    - embedding: {output_dim: 8, input_dim: 100}
                    - lstm: {units: 8, units: 16}
                    - dense: {units: 1, activation: sigmoid}
                output: {dir: /tmp/o}
                """));
    }

    @Test
    void anchorsAliasesAndMergeKeysAreRefused() {
        assertEquals("x.yaml (line 2): " + StrictYaml.NO_ANCHORS, error("""
                name: n
                output: &out {dir: /tmp/o}
                """));
        assertEquals("x.yaml (line 2): " + StrictYaml.NO_ANCHORS, error("""
                name: n
                data: {format: &f demo}
                """));
        assertEquals("x.yaml (line 3): " + StrictYaml.NO_ANCHORS, error("""
                name: n
                data: {format: demo}
                output: {dir: *dir}
                """));
        assertEquals("x.yaml (line 4): YAML merge keys (<<) are not supported; write the keys out", error("""
                name: n
                data: {format: demo}
                output:
                  <<: {dir: /tmp/o}
                """));
    }

    @Test
    void overridesAreJustAsStrict() {
        String spec = """
                name: n
                data: {format: demo}
                output: {dir: /tmp/o}
                """;
        assertEquals("x.yaml: --set output: duplicate key 'dir'", error(spec, "output={dir: /a, dir: /b}"));
        assertEquals("x.yaml: --set output: " + StrictYaml.NO_ANCHORS, error(spec, "output={dir: &a /tmp/o}"));
    }

    @Test
    void encodingErrorsIsStrictByDefaultAndValidated() {
        String spec = NumericInputSpecTest.TEXT;
        assertEquals(EncodingErrors.STRICT, JobSpecLoader.parse("x.yaml", spec, List.of()).data().encodingErrors());
        assertEquals(EncodingErrors.REPLACE, JobSpecLoader.parse("x.yaml", spec,
                List.of("data.encoding_errors=replace")).data().encodingErrors());
        assertEquals("x.yaml: data.encoding_errors: must be one of strict, replace, got 'ignore'",
                error(spec, "data.encoding_errors=ignore"));
    }
}
