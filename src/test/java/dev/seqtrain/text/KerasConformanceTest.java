package dev.seqtrain.text;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.SpecValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.testing.SharedFolder;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reproduces the golden Keras outputs in {@code <seqtrain.shared>/conformance/keras-text/}: every case folder is fitted
 * on its corpus (TSV {@code label<TAB>text}) and must match the word index with counts, every sequence, and the four
 * padded variants exactly. Reads the shared folder in place; skipped when it is absent, failed under CI=true
 * ({@link SharedFolder}).
 */
class KerasConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MODES = {"pre", "post"};

    @TestFactory
    Stream<DynamicNode> kerasGoldenCases() throws IOException {
        Path casesDir = SharedFolder.require("conformance/keras-text");
        List<Path> cases;
        try (Stream<Path> s = Files.list(casesDir)) {
            cases = s.filter(p -> Files.isRegularFile(p.resolve("params.json"))).sorted().collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), "no case folders with params.json in " + casesDir);
        Path corpora = SharedFolder.root().resolve("corpora");
        return cases.stream().map(dir -> caseNode(dir, corpora));
    }

    private static DynamicNode caseNode(Path dir, Path corpora) {
        GoldenCase c = new GoldenCase(dir, corpora);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("word_index", c::checkWordIndex));
        tests.add(DynamicTest.dynamicTest("sequences", c::checkSequences));
        for (String padding : MODES) {
            for (String truncating : MODES) {
                tests.add(DynamicTest.dynamicTest("padded_" + padding + "_" + truncating,
                        () -> c.checkPadded(padding, truncating)));
            }
        }
        return DynamicContainer.dynamicContainer(dir.getFileName().toString(), tests);
    }

    /** One case folder; the corpus is read and fitted once, on first use. */
    private static final class GoldenCase {
        private final Path dir;
        private final Path corpora;
        private JsonNode params;
        private List<String> texts;
        private Vocabulary vocabulary;

        GoldenCase(Path dir, Path corpora) {
            this.dir = dir;
            this.corpora = corpora;
        }

        private synchronized Vocabulary vocabulary() throws IOException {
            if (vocabulary == null) {
                params = JSON.readTree(dir.resolve("params.json").toFile());
                // the case name starts with the corpus folder: mr-w2000-oov -> corpora/mr/
                String corpusDir = dir.getFileName().toString().split("-", 2)[0];
                Path corpus = corpora.resolve(corpusDir).resolve(params.get("corpus").asText());
                assertTrue(Files.isRegularFile(corpus), "corpus of case " + dir.getFileName() + " not found: " + corpus);
                texts = readTextColumn(corpus);
                assertEquals(params.get("documents").asInt(), texts.size(), "documents in " + corpus);
                TextSpec spec = new TextSpec(intOrNull(params.get("num_words")), textOrNull(params.get("oov_token")),
                        params.get("filters").asText(), params.get("lower").asBoolean(), params.get("split").asText(),
                        params.get("char_level").asBoolean(), params.get("maxlen").asInt(),
                        null, null, null, null, null, null);
                vocabulary = Vocabulary.fit(texts, spec);
            }
            return vocabulary;
        }

        void checkWordIndex() throws IOException {
            Vocabulary v = vocabulary();
            List<String> lines = lines(dir.resolve("word_index.tsv"));
            assertEquals("index\ttoken\tcount", lines.get(0), "word_index.tsv header");
            List<String> mismatches = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                int a = line.indexOf('\t');
                int b = line.lastIndexOf('\t');
                int index = Integer.parseInt(line.substring(0, a));
                String token = line.substring(a + 1, b);
                long count = Long.parseLong(line.substring(b + 1));
                TokenCount e = v.entry(index);
                if (e == null || !e.token().equals(token) || e.count() != count) {
                    mismatches.add("index " + index + ": expected " + show(token) + " x" + count + ", got "
                            + (e == null ? "nothing" : show(e.token()) + " x" + e.count()));
                }
            }
            assertNoMismatch(mismatches);
            assertEquals(lines.size() - 1, v.size(), "word_index size");
        }

        void checkSequences() throws IOException {
            Vocabulary v = vocabulary();
            TextTokenizer tokenizer = TextTokenizer.of(v.spec());
            List<String> lines = lines(dir.resolve("sequences.jsonl"));
            assertEquals(texts.size(), lines.size(), "one sequence per document");
            List<String> mismatches = new ArrayList<>();
            for (int row = 0; row < lines.size(); row++) {
                int[] expected = ids(lines.get(row), row);
                int[] actual = v.encode(tokenizer.tokenize(texts.get(row)));
                if (!Arrays.equals(expected, actual)) {
                    mismatches.add("row " + row + ": expected " + Arrays.toString(expected) + ", got "
                            + Arrays.toString(actual) + " for text " + show(texts.get(row)));
                }
            }
            assertNoMismatch(mismatches);
        }

        void checkPadded(String padding, String truncating) throws IOException {
            Vocabulary v = vocabulary();
            TextTokenizer tokenizer = TextTokenizer.of(v.spec());
            int maxlen = params.get("maxlen").asInt();
            List<String> lines = lines(dir.resolve("padded_" + padding + "_" + truncating + ".jsonl"));
            assertFalse(lines.isEmpty(), "no padded rows");
            List<String> mismatches = new ArrayList<>();
            for (int row = 0; row < lines.size(); row++) {
                int[] expected = ids(lines.get(row), row);
                int[] ids = v.encode(tokenizer.tokenize(texts.get(row)));
                int[] actual = SequencePadding.pad(ids, maxlen, SpecValues.parse(SequenceEnd.class, padding).orElseThrow(),
                        SpecValues.parse(SequenceEnd.class, truncating).orElseThrow(), 0);
                if (!Arrays.equals(expected, actual)) {
                    mismatches.add("row " + row + ": expected " + Arrays.toString(expected) + ", got "
                            + Arrays.toString(actual));
                }
            }
            assertNoMismatch(mismatches);
        }
    }

    private static int[] ids(String jsonLine, int expectedRow) throws IOException {
        JsonNode row = JSON.readTree(jsonLine);
        assertEquals(expectedRow, row.get("row").asInt(), "row number");
        JsonNode ids = row.get("ids");
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).asInt();
        }
        return out;
    }

    /** The text column of a {@code label<TAB>text} TSV; lines end at '\n' only, as '\r' belongs to the text. */
    private static List<String> readTextColumn(Path tsv) {
        List<String> lines = lines(tsv);
        assertEquals("label\ttext", lines.get(0), "header of " + tsv);
        List<String> texts = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.indexOf('\t');
            assertTrue(tab >= 0, "no tab in line of " + tsv + ": " + show(line));
            texts.add(line.substring(tab + 1));
        }
        return texts;
    }

    private static List<String> lines(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNoMismatch(List<String> mismatches) {
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " mismatches; first: " + String.join(" | ",
                    mismatches.subList(0, Math.min(5, mismatches.size()))));
        }
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7E) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }
}
