package dev.seqtrain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A generated CoNLL corpus whose tags need context: words w10..w19 always carry C (w10-w14) or D (w15-w19), while
 * the ambiguous words w0..w9 carry A after a word with an even number and B otherwise (also at sentence start). A
 * tagger that looks only at the token itself is right on at most about 3 of 4 tokens; one that reads its left
 * neighbour can be right on all. Every third token is written upper-case ("W7"), the same word once lower-cased;
 * every sentence starts with a '#' comment and ends with the punctuation token "." tagged ".".
 */
public final class TaggedCorpusFixture {
    private TaggedCorpusFixture() {
    }

    /** Writes {@code sentences} sentences of 3..12 words (plus the final ".") generated from {@code seed}. */
    public static Path write(Path file, int sentences, long seed) throws IOException {
        return write(file, sentences, seed, 3, 12);
    }

    /** As {@link #write(Path, int, long)} with {@code minWords..maxWords} words per sentence; returns the file. */
    public static Path write(Path file, int sentences, long seed, int minWords, int maxWords) throws IOException {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            sb.append("# sent = ").append(s).append('\n');
            int len = minWords + rnd.nextInt(maxWords - minWords + 1);
            int prev = -1;
            for (int i = 0; i < len; i++) {
                int w = rnd.nextInt(20);
                String token = (rnd.nextInt(3) == 0 ? "W" : "w") + w;
                sb.append(token).append('\t').append(tag(w, prev)).append('\n');
                prev = w;
            }
            sb.append(".\t.\n\n");
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** The tag of word {@code w} after word {@code prev} (-1 at sentence start). */
    public static String tag(int w, int prev) {
        if (w >= 15) return "D";
        if (w >= 10) return "C";
        return prev >= 0 && prev % 2 == 0 ? "A" : "B";
    }
}
