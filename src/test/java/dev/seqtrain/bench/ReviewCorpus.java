package dev.seqtrain.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * IMDB-like movie reviews as TSV {@code label<TAB>text}, no header: about 1.3 KB per review, words drawn from a
 * Zipf(1.0) distribution over a fixed vocabulary of pseudo-words, sentence case, punctuation and IMDB's
 * {@code <br /><br />} paragraph breaks, labels {@code pos}/{@code neg} with a few label-leaning words. Deterministic
 * from the seed: file {@code i} depends only on {@code (seed, i)}, so files may be written in parallel.
 */
public final class ReviewCorpus {
    public static final int DEFAULT_VOCABULARY = 100_000;
    /** Letters weighted roughly by English frequency. */
    private static final String LETTERS = "eeeeeeeeeeeettttttttaaaaaaaaoooooooiiiiiiinnnnnnnssssssrrrrrrhhhhhhllllddddccc"
            + "uuummmffppggwwyybbvkxjqz";
    private static final String[] POSITIVE = {"great", "superb", "wonderful", "moving", "brilliant", "loved"};
    private static final String[] NEGATIVE = {"awful", "boring", "dull", "terrible", "wasted", "hated"};
    private static final Set<String> SENTIMENT = Set.of("great", "superb", "wonderful", "moving", "brilliant", "loved",
            "awful", "boring", "dull", "terrible", "wasted", "hated");
    private static final String[] PUNCTUATION = {".", ".", ".", "!", "?", ","};

    private final long seed;
    private final String[] words;
    private final double[] cumulative;

    public ReviewCorpus(long seed, int vocabularySize) {
        this.seed = seed;
        this.words = pseudoWords(seed, vocabularySize);
        this.cumulative = new double[vocabularySize];
        double sum = 0;
        for (int i = 0; i < vocabularySize; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < vocabularySize; i++) cumulative[i] /= sum;
    }

    /**
     * A distinct pseudo-word per rank, from random letters seeded by the corpus seed: frequent ranks get short words
     * (2-4 letters), rare ones longer (up to about 11), like English. Random letters also give realistic
     * {@code hashCode}s; syllable-built words collide in hash tables far more than real words do.
     */
    private static String[] pseudoWords(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Set<String> seen = new HashSet<>(size * 2);
        String[] out = new String[size];
        char[] buf = new char[16];
        for (int i = 0; i < size; i++) {
            int length = 2 + random.nextInt(3) + (int) (1.5 * Math.log10(i + 1));
            String w;
            do {
                for (int c = 0; c < length; c++) buf[c] = LETTERS.charAt(random.nextInt(LETTERS.length()));
                w = new String(buf, 0, length);
            } while (!seen.add(w) || SENTIMENT.contains(w));
            out[i] = w;
        }
        return out;
    }

    /** {@code ReviewCorpus DIR MB FILES [SEED]}: writes a corpus for the benchmark scripts (bench-memory.sh). */
    public static void main(String[] args) {
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
        new ReviewCorpus(seed, DEFAULT_VOCABULARY).write(Path.of(args[0]), Long.parseLong(args[1]) << 20,
                Integer.parseInt(args[2]));
    }

    /** Writes {@code files} TSV files of about {@code totalBytes} together into {@code dir}; returns them. */
    public List<Path> write(Path dir, long totalBytes, int files) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < files; i++) out.add(dir.resolve(String.format("reviews-%03d.tsv", i)));
        long perFile = Math.max(1, totalBytes / files);
        IntStream.range(0, files).parallel().forEach(i -> writeFile(out.get(i), perFile, seed * 1_000_003L + i));
        return out;
    }

    private void writeFile(Path file, long bytes, long fileSeed) {
        SplittableRandom random = new SplittableRandom(fileSeed);
        StringBuilder line = new StringBuilder(4096);
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                line.setLength(0);
                review(random, line);
                line.append('\n');
                w.append(line);
                written += line.length(); // ASCII only: chars == bytes
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One review line without the newline: label, tab, 30 to 320 words (mean about 175: about 1.3 KB). */
    void review(SplittableRandom random, StringBuilder line) {
        boolean positive = random.nextBoolean();
        line.append(positive ? "pos" : "neg").append('\t');
        int length = 30 + random.nextInt(291);
        boolean sentenceStart = true;
        for (int i = 0; i < length; i++) {
            String word = random.nextInt(25) == 0
                    ? (positive ? POSITIVE : NEGATIVE)[random.nextInt(POSITIVE.length)]
                    : words[rank(random.nextDouble())];
            if (sentenceStart) {
                line.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                sentenceStart = false;
            } else {
                line.append(word);
            }
            if (i == length - 1) {
                line.append('.');
            } else if (random.nextInt(12) == 0) {
                String p = PUNCTUATION[random.nextInt(PUNCTUATION.length)];
                line.append(p);
                sentenceStart = !",".equals(p);
                line.append(sentenceStart && random.nextInt(8) == 0 ? "<br /><br />" : " ");
            } else {
                line.append(' ');
            }
        }
    }

    private int rank(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
