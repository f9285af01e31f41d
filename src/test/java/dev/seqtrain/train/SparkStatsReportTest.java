package dev.seqtrain.train;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failure of an executor that asks NTP for DL4J's statistics clock without internet access, as Spark reported it
 * on a local-cluster (separate executor JVMs) without the clock property, becomes one line naming the fix.
 */
class SparkStatsReportTest {

    @Test
    void anUnansweredNtpClockOnTheExecutorsNamesTheFix() {
        SparkException spark = new SparkException("Job aborted due to stage failure: Task 1 in "
                + "stage 58.0 failed 4 times, most recent failure: Lost task 1.3 in stage 58.0 (TID 67) (127.0.0.1 "
                + "executor 1): java.lang.RuntimeException: Error getting TimeSource instance for class "
                + "\"org.deeplearning4j.spark.time.NTPTimeSource\"");
        SeqtrainException e = SparkStatsReport.clockFailure(spark).orElseThrow();
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("training.collect_stats: DL4J's statistics clock on the executors asks the "
                + "NTP server 0.pool.ntp.org and got no answer; add -Dorg.deeplearning4j.spark.time.TimeSource="
                + "org.deeplearning4j.spark.time.SystemClockTimeSource to spark.executor.extraJavaOptions"), e.getMessage());

        assertTrue(SparkStatsReport.clockFailure(new SparkException("Job aborted: something else")).isEmpty());
    }
}
