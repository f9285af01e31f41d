package dev.seqtrain.cli;

import dev.seqtrain.testing.MiniHdfs;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An output filesystem that runs out of space while the model directory is written (an HDFS space quota): the job
 * ends with the environment's exit code and one line that says so, and the output path holds nothing.
 */
class DiskQuotaTest {

    @Test
    void quotaExceededWhileWritingTheModelLeavesNothingAndSaysSo(@TempDir java.nio.file.Path tmp) throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
            DistributedFileSystem fs = (DistributedFileSystem) hdfs.fileSystem();
            Path full = new Path(hdfs.uri() + "/full");
            fs.mkdirs(full);
            // an empty file (the preflight's probe) fits; a file's first block does not
            fs.setQuota(full, HdfsConstants.QUOTA_DONT_SET, 64 * 1024);
            String model = full + "/model";
            CliRunner.Result r = CliRunner.run("run", "spark-jobs/demo-sentiment.yaml",
                    "--set", "data.demo.documents=400", "--set", "training.epochs=1", "--set", "training.workers=1",
                    "--set", "output.checkpoints=false", "--set", "output.dir=" + model,
                    "--set", "output.prepared_dir=" + hdfs.uri() + "/prepared");
            assertEquals(7, r.exitCode(), r.err());
            String line = r.err().strip();
            assertEquals(1, line.lines().count(), r.err());
            assertTrue(line.startsWith("seqtrain: error: "), line);
            assertTrue(line.contains("The DiskSpace quota of /full is exceeded"), line);
            assertTrue(line.endsWith("(nothing was written to " + model + ")"), line);
            assertFalse(fs.exists(new Path(model)), "no model directory");
            assertTrue(r.statusLine().contains("\"exit_code\":7"), r.out());
        }
    }
}
