package dev.seqtrain.bench;

import java.nio.file.Path;

/** {@code WriteReviewCorpus DIR MEGABYTES [SEED]}: a {@link ReviewCorpus} as 2 TSV files, for the shell benchmarks. */
public final class WriteReviewCorpus {
    private WriteReviewCorpus() {
    }

    public static void main(String[] args) {
        double mb = Double.parseDouble(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        new ReviewCorpus(seed, ReviewCorpus.DEFAULT_VOCABULARY).write(Path.of(args[0]), (long) (mb * (1 << 20)), 2);
    }
}
