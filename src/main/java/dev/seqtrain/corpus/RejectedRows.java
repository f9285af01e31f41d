package dev.seqtrain.corpus;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.store.HadoopFiles;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a stage does with the rows a reader could not use: writes them (JSON, with source and reason) next to the
 * stage's output, removes a stale set from an earlier run when there are none, and fails the stage when they exceed
 * {@code data.max_rejected_fraction}. Never silently dropped.
 */
public final class RejectedRows {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    private RejectedRows() {
    }

    /** Returns how many rows were rejected. {@code stage} names the job in the log line ("prepare", "predict"). */
    public static long handle(Dataset<Row> rejected, long good, double maxFraction, String dir, HadoopFiles files,
                              String stage) {
        return handle(rejected, rejected == null ? 0 : rejected.count(), good, maxFraction, dir, files, stage);
    }

    /** The same when the caller has already counted the rejected rows ({@code bad}), saving a pass over the input. */
    public static long handle(Dataset<Row> rejected, long bad, long good, double maxFraction, String dir,
                              HadoopFiles files, String stage) {
        if (bad == 0) {
            files.deleteRecursively(new Path(dir)); // a stale one would describe another run's input
            return 0;
        }
        rejected.write().mode(SaveMode.Overwrite).json(dir);
        double fraction = (double) bad / Math.max(1, bad + good);
        String examples = rejected.limit(3).collectAsList().stream()
                .map(r -> r.getString(0) + " (" + r.getString(1) + ")").collect(Collectors.joining("; "));
        if (fraction > maxFraction) {
            throw SeqtrainException.input(String.format(Locale.ROOT, "%,d of %,d rows (%.2f%%) could not be read, more"
                            + " than data.max_rejected_fraction %.2f%%; e.g. %s; all of them are in %s", bad, bad + good,
                    100 * fraction, 100 * maxFraction, examples, dir));
        }
        LOG.warn(String.format(Locale.ROOT, "%s: %,d rows rejected (%.2f%%), e.g. %s; written to %s", stage, bad,
                100 * fraction, examples, dir));
        return bad;
    }
}
