package dev.seqtrain.train;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.StatsUtils;
import org.deeplearning4j.spark.time.NTPTimeSource;
import org.deeplearning4j.spark.time.SystemClockTimeSource;
import org.deeplearning4j.spark.time.TimeSourceProvider;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** DL4J's Spark training statistics ({@code training.collect_stats}) as the model directory's spark-stats.html. */
final class SparkStatsReport {
    private SparkStatsReport() {
    }

    /**
     * DL4J stamps its statistics with a clock that by default asks the NTP server 0.pool.ntp.org, and fails the
     * training after ten unanswered tries (no internet access, as on many clusters). Unless a clock was chosen with
     * {@code -Dorg.deeplearning4j.spark.time.TimeSource=...}, the driver uses the system clock; executors in their
     * own JVMs need the same property (submit.sh passes it).
     */
    static void useSystemClockUnlessChosen() {
        if (System.getProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY) == null) {
            System.setProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY, SystemClockTimeSource.class.getName());
        }
    }

    /**
     * An executor without {@code -Dorg.deeplearning4j.spark.time.TimeSource=...} and without internet access fails its
     * tasks with "Error getting TimeSource instance for class NTPTimeSource", which Spark reports four retries later
     * as a stage failure (a checked SparkException, thrown through DL4J's code): that becomes one line saying what to
     * change. Empty for anything else.
     */
    static Optional<SeqtrainException> clockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NTPTimeSource.class.getSimpleName())) {
                return Optional.of(new SeqtrainException(ExitCode.USAGE, "training.collect_stats: DL4J's statistics "
                        + "clock on the executors asks the NTP server " + NTPTimeSource.DEFAULT_NTP_SERVER + " and got "
                        + "no answer; add -D" + TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY + "="
                        + SystemClockTimeSource.class.getName() + " to spark.executor.extraJavaOptions "
                        + "(submit-scripts/submit.sh does), or set training.collect_stats: false", e));
            }
        }
        return Optional.empty();
    }

    /** The HTML page (a self-contained timeline and histograms of every epoch trained). */
    static byte[] html(SparkTrainingStats stats) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            StatsUtils.exportStatsAsHTML(stats, bytes);
        } catch (Exception e) {
            throw new IllegalStateException("DL4J could not render its Spark training statistics: " + e, e);
        }
        return bytes.toByteArray();
    }
}
