package dev.seqtrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code seqtrain prepare} of spark-jobs/cmudict-g2p.yaml through the real CLI, on a small CMUdict-shaped corpus:
 * both tokenizers written; a missing target column fails naming data.target_column, with nothing written.
 */
class Seq2SeqPrepareCliTest {
    private static final String SPEC = "spark-jobs/cmudict-g2p.yaml";
    private static final String[] WORDS = {"cat\tK AE T", "bat\tB AE T", "tab\tT AE B", "act\tAE K T", "tack\tT AE K"};

    @TempDir
    Path dir;

    private Path corpus(String name, String header) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < 40; i++) sb.append(WORDS[i % WORDS.length]).append("\tX\t\n");
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private CliRunner.Result prepare(Path train, Path model) {
        return CliRunner.run(Stream.of("prepare", SPEC, "--set", "data.train=" + train, "--set", "data.validation=",
                "--set", "data.validation_split=0.2", "--set", "output.dir=" + model).toArray(String[]::new));
    }

    @Test
    void preparesPairsThroughTheCli() throws IOException {
        Path model = dir.resolve("g2p");
        CliRunner.Result r = prepare(corpus("train.tsv", "word\tphonemes\tphonemes_stressed\talternatives"), model);
        assertEquals(0, r.exitCode(), r.err());
        Path prepared = dir.resolve("g2p.prepared");
        assertTrue(Files.readString(prepared.resolve("prepared.json")).contains("\"input\" : \"pairs\""));
        String target = Files.readString(prepared.resolve("target_tokenizer.json"));
        assertTrue(target.contains("AE") && !target.contains("\\\"ae\\\""), target); // phonemes, case kept
        assertTrue(Files.readString(prepared.resolve("tokenizer.json")).contains("\\\"c\\\""));
    }

    @Test
    void aMissingTargetColumnIsNamedByItsKey() throws IOException {
        Path model = dir.resolve("bad");
        CliRunner.Result r = prepare(corpus("train.tsv", "word\tphones\tphonemes_stressed\talternatives"), model);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("no column 'phonemes' (data.target_column)"), r.err());
        assertFalse(Files.exists(dir.resolve("bad.prepared")));
    }
}
