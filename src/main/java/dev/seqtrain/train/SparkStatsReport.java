package dev.seqtrain.train;

import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.StatsUtils;
import org.deeplearning4j.spark.time.SystemClockTimeSource;
import org.deeplearning4j.spark.time.TimeSourceProvider;

import java.io.ByteArrayOutputStream;

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
