package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TargetSequences;
import dev.seqtrain.text.TokenizerJson;
import dev.seqtrain.text.Vocabulary;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding a task kind means one new {@link TaskKind} constant and its parts: every kind supplies every part, the
 * kind survives prepared.json (and is derived for directories written without it), and a switch over TaskKind
 * without default, as every stage dispatches, compiles only when it names every kind.
 */
class TaskKindPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HadoopFiles FILES = new HadoopFiles(new Configuration());

    @Test
    void everyKindSuppliesItsPreparedSchemaAndLabelLayout() {
        for (TaskKind kind : TaskKind.values()) {
            List<String> columns = Arrays.asList(PreparedColumns.schema(kind, false).fieldNames());
            assertEquals(PreparedColumns.ID, columns.get(0), kind.toString());
            assertTrue(columns.contains(kind.tokenInput() ? PreparedColumns.IDS : PreparedColumns.FEATURES),
                    kind + ": " + columns);
        }
        assertEquals(List.of(PreparedColumns.ID, PreparedColumns.IDS, PreparedColumns.TAGS, PreparedColumns.LENGTH,
                PreparedColumns.OOV), Arrays.asList(PreparedColumns.schema(TaskKind.TAGGING, false).fieldNames()));
        assertEquals("FloatType", PreparedColumns.schema(TaskKind.NUMERIC, true).apply(PreparedColumns.LABEL)
                .dataType().toString());
        for (TaskKind kind : TaskKind.values()) {
            assertEquals(kind == TaskKind.TAGGING ? LabelLayout.PER_TOKEN : LabelLayout.PER_SEQUENCE,
                    LabelLayout.of(kind), kind.toString());
        }
    }

    @Test
    void theKindIsStoredInPreparedJsonAndDerivedWhenAbsent(@TempDir Path tmp) throws IOException {
        for (TaskKind kind : TaskKind.values()) {
            Path dir = write(tmp.resolve(kind.toString()), prepared(kind, tmp.resolve(kind.toString())));
            assertEquals(kind, PreparedData.load(FILES, dir.toString()).kind(), kind + " stored");
            assertEquals(kind.toString(), JSON.readTree(dir.resolve(PreparedData.MANIFEST).toFile())
                    .get(TaskKind.FIELD).asText());

            // as written before task_kind existed
            ObjectNode older = (ObjectNode) JSON.readTree(dir.resolve(PreparedData.MANIFEST).toFile());
            older.remove(TaskKind.FIELD);
            Files.writeString(dir.resolve(PreparedData.MANIFEST), older.toPrettyString());
            Files.writeString(dir.resolve(PreparedData.LABELS), labels(kind).toJson());
            assertEquals(kind, PreparedData.load(FILES, dir.toString()).kind(), kind + " derived");
        }
    }

    @Test
    void labelsJsonCarriesTheKindIntoTheModelDirectory() {
        assertEquals("tagging", LabelIndex.fromJson(labels(TaskKind.TAGGING).toJson(TaskKind.TAGGING), "l")
                .storedTaskKind());
        assertEquals(null, LabelIndex.fromJson(labels(TaskKind.TAGGING).toJson(), "l").storedTaskKind());
    }

    @Test
    void aSwitchOverTaskKindCompilesOnlyWhenEveryKindIsNamed(@TempDir Path tmp) throws IOException {
        List<String> all = Arrays.stream(TaskKind.values()).map(Enum::name).toList();
        // one class naming every kind, and one per kind left out
        List<Path> sources = new java.util.ArrayList<>(List.of(probe(tmp, "All", all)));
        for (String left : all) {
            sources.add(probe(tmp, "Without" + left, all.stream().filter(k -> !k.equals(left)).toList()));
        }
        Map<String, String> errors = compile(tmp, sources);
        assertFalse(errors.containsKey("ProbeAll.java"), errors.toString());
        for (String left : all) {
            assertTrue(errors.getOrDefault("ProbeWithout" + left + ".java", "")
                    .contains("does not cover all possible input values"), left + ": " + errors);
        }
    }

    /** A class whose switch expression over TaskKind, without default, names {@code cases}. */
    private static Path probe(Path dir, String name, List<String> cases) throws IOException {
        String arms = cases.stream().map(c -> "case " + c + " -> 1;").collect(Collectors.joining(" "));
        return Files.writeString(dir.resolve("Probe" + name + ".java"), "import dev.seqtrain.job.TaskKind;\n"
                + "class Probe" + name + " { static int part(TaskKind k) { return switch (k) { " + arms + " }; } }\n");
    }

    /** The compiler's errors per source file name, each source compiled on its own (javac stops at a failed class). */
    private static Map<String, String> compile(Path dir, List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK runs the tests");
        Map<String, String> errors = new java.util.TreeMap<>();
        DiagnosticCollector<JavaFileObject> ignored = new DiagnosticCollector<>();
        try (var fm = javac.getStandardFileManager(ignored, null, null)) {
            for (Path source : sources) {
                DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                javac.getTask(null, fm, diagnostics, List.of("-d", dir.resolve("classes").toString(), "-cp",
                        "target/classes", "-proc:none"), null, fm.getJavaFileObjects(source)).call();
                String messages = diagnostics.getDiagnostics().stream().map(d -> d.getMessage(null))
                        .collect(Collectors.joining("\n"));
                if (!messages.isEmpty()) errors.put(source.getFileName().toString(), messages);
            }
        }
        return errors;
    }

    private static LabelIndex labels(TaskKind kind) {
        return switch (kind) {
            case TEXT_CLASSIFICATION -> LabelIndex.of(List.of("neg", "pos"), "label");
            case TAGGING -> LabelIndex.of(List.of("nn", "vb"), "tag");
            case NUMERIC -> NumericRows.targetIndex();
            case SEQ2SEQ -> LabelIndex.of(List.of(), PreparedData.PAIRS);
        };
    }

    private static PreparedData prepared(TaskKind kind, Path dir) {
        TextSpec text = JobSpecLoader.parse("t.yaml", "output: {dir: /tmp/t}\ndata: {format: demo}\nmodel: {layers: [{dense: {units: 1}}]}\n", List.of()).text();
        Vocabulary vocabulary = kind.tokenInput() ? Vocabulary.fit(List.of("a b c"), text) : null;
        PreparedData.Target target = kind == TaskKind.SEQ2SEQ
                ? new PreparedData.Target(Vocabulary.fit(List.of("x y"), text), new TargetSequences(5, 4)) : null;
        return new PreparedData(kind, dir.toString(), OutputSpec.PreparedFormat.PARQUET, 4, 10, 2, vocabulary,
                labels(kind), kind.tokenInput() ? 0 : 3, target);
    }

    private static Path write(Path dir, PreparedData p) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve(PreparedData.MANIFEST), p.manifestJson());
        Files.writeString(dir.resolve(PreparedData.LABELS), p.labels().toJson(p.kind()));
        if (p.vocabulary() != null) Files.writeString(dir.resolve(PreparedData.TOKENIZER), TokenizerJson.write(p.vocabulary()));
        if (p.target() != null) {
            Files.writeString(dir.resolve(PreparedData.TARGET_TOKENIZER), TokenizerJson.write(p.target().vocabulary()));
        }
        assertFalse(p.manifestJson().isEmpty());
        return dir;
    }
}
