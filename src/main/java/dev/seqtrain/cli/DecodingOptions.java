package dev.seqtrain.cli;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.infer.PredictJob;
import picocli.CommandLine.Option;

/**
 * How an encoder-decoder decodes, for every command that decodes ({@code predict}, {@code evaluate}): one definition,
 * so both have the same options, defaults and checks.
 */
public final class DecodingOptions {
    @Option(names = "--beam-width", paramLabel = "N", description = "Sequence to sequence: beam search with N "
            + "hypotheses; 1 (default) is greedy decoding.")
    int beamWidth = 1;

    @Option(names = "--length-penalty", paramLabel = "A", description = "Sequence to sequence, beam search: finished "
            + "hypotheses ranked by log-probability / length^A (default 1.0; 0 favours short outputs).")
    double lengthPenalty = 1.0;

    /** Refuses settings no search can use, naming the option, before Spark starts. */
    void check() {
        if (beamWidth < 1) throw new SpecException("--beam-width: must be >= 1, got " + beamWidth);
        if (lengthPenalty < 0 || !Double.isFinite(lengthPenalty)) {
            throw new SpecException("--length-penalty: must be >= 0, got " + lengthPenalty);
        }
    }

    PredictJob.Decoding decoding() {
        return new PredictJob.Decoding(beamWidth, lengthPenalty);
    }
}
