package dev.seqtrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strict input through the real CLI: a row that is not UTF-8 goes to {@code <prepared>.rejected} with file, line and
 * reason and never reaches the vocabulary, unless {@code data.encoding_errors: replace}; an empty input file fails
 * as an empty input directory does.
 */
class StrictInputEndToEndTest {
    private static final String SPEC = "spark-jobs/demo-sentiment.yaml";

    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("text\tlabel\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 40; i++) {
            out.writeBytes((i % 2 == 0 ? "a good film\tpos\n" : "a bad film\tneg\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(new byte[]{'c', 'a', 'f', (byte) 0xE9}); // Latin-1 "café": line 42
        out.writeBytes(" au lait\tpos\n".getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve("train.tsv"), out.toByteArray());
    }

    private CliRunner.Result prepare(String train, String model, String... more) {
        String[] args = Stream.concat(Stream.of("prepare", SPEC, "--set", "data.format=tsv", "--set", "data.train=" + train,
                "--set", "output.dir=" + model, "--set", "data.max_rejected_fraction=0.1"), Stream.of(more))
                .toArray(String[]::new);
        return CliRunner.run(args);
    }

    private static String readAll(Path dirOrFile) throws IOException {
        if (!Files.isDirectory(dirOrFile)) return Files.readString(dirOrFile);
        try (Stream<Path> files = Files.walk(dirOrFile)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining());
        }
    }

    @Test
    void invalidUtf8RowIsRejectedAndStaysOutOfTheVocabulary() throws IOException {
        Path train = corpus();
        Path model = dir.resolve("model");
        CliRunner.Result r = prepare(train.toString(), model.toString());
        assertEquals(0, r.exitCode(), r.err());
        String rejected = readAll(dir.resolve("model.prepared.rejected"));
        assertTrue(rejected.contains(train.toUri().getPath() + ":42"), rejected);
        assertTrue(rejected.contains("invalid UTF-8 at byte 4 of the line"), rejected);
        String tokenizer = readAll(dir.resolve("model.prepared/tokenizer.json"));
        assertTrue(tokenizer.contains("good"), tokenizer);
        assertFalse(tokenizer.contains("\uFFFD") || tokenizer.toLowerCase().contains("\\ufffd"), tokenizer);

        Path replaced = dir.resolve("replaced");
        CliRunner.Result kept = prepare(train.toString(), replaced.toString(), "--set", "data.encoding_errors=replace");
        assertEquals(0, kept.exitCode(), kept.err());
        assertFalse(Files.exists(dir.resolve("replaced.prepared.rejected")));
        String replacedTokens = readAll(dir.resolve("replaced.prepared/tokenizer.json"));
        assertTrue(replacedTokens.contains("caf\uFFFD") || replacedTokens.toLowerCase().contains("caf\\ufffd"),
                replacedTokens);
    }

    @Test
    void anEmptyFileFailsLikeAnEmptyDirectory() throws IOException {
        Path emptyFile = Files.createFile(dir.resolve("empty.tsv"));
        Path emptyDir = Files.createDirectory(dir.resolve("incoming"));
        CliRunner.Result file = prepare(emptyFile.toString(), dir.resolve("a").toString());
        CliRunner.Result directory = prepare(emptyDir.toString(), dir.resolve("b").toString());
        assertEquals(3, file.exitCode(), file.err());
        assertEquals(3, directory.exitCode(), directory.err());
        // the preflight finds both before Spark starts, with one message
        assertEquals("seqtrain: error: data.train: " + emptyFile + ": is empty (no data to read)", file.err().strip());
        assertEquals("seqtrain: error: data.train: " + emptyDir + ": is empty (no data to read)", directory.err().strip());
    }
}
