package dev.seqtrain.train;

import dev.seqtrain.testing.MiniHdfs;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HDFS loses its DataNode after the last epoch, while the model directory is being written: the job fails with one
 * line that says what happened, and the output path holds nothing (no half-written model directory).
 */
class DataNodeLossTest {

    @Test
    void aDataNodeLostWhileTheModelIsWrittenLeavesNoModelDirectory(@TempDir java.nio.file.Path tmp) throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
            String model = hdfs.uri() + "/models/demo";
            TrainCli.Result result;
            try (var fault = TrainingFaultInjector.install(new TrainingFaultInjector() {
                @Override
                public void afterEpoch(int epoch) {
                    if (epoch == 2) hdfs.stopDataNode();
                }
            })) {
                result = TrainCli.demo("run", model, "--set", "training.epochs=2", "--set", "output.prepared_dir=" + tmp.resolve("prepared"));
            }
            assertEquals(7, result.exitCode(), "an environment fault: " + result.err());
            String error = result.err().lines().filter(l -> l.startsWith("seqtrain: error:")).reduce((a, b) -> b).orElseThrow(
                    () -> new AssertionError("no error line: " + result.err()));
            assertTrue(error.contains("could only be written to 0 of the 1 minReplication nodes"), error);
            assertTrue(error.contains("nothing was written to " + model), "says what the output path holds: " + error);
            assertFalse(result.err().contains("\tat "), "no stack trace without --verbose: " + result.err());
            FileSystem fs = hdfs.fileSystem();
            assertFalse(fs.exists(new Path(model)), "no model directory after a failed write");
            assertEquals(1, result.out().lines().filter(l -> l.startsWith("{")).count(), result.out());
        }
    }
}
