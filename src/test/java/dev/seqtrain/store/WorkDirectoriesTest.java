package dev.seqtrain.store;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-run work directories: --resume continues from the newest complete checkpoint among them. */
class WorkDirectoriesTest {
    private final HadoopFiles files = new HadoopFiles(new Configuration());

    @Test
    void resumeFindsTheNewestCompleteCheckpointAmongSeveralRuns(@TempDir Path tmp) throws Exception {
        long now = System.currentTimeMillis();
        checkpoint(tmp, "model._work", 4, now - 400_000);                     // an earlier version's
        checkpoint(tmp, "model._work-20261201T100000Z-aaaaaaaa", 3, now - 300_000);
        checkpoint(tmp, "model._work-20261201T110000Z-bbbbbbbb", 1, now - 100_000); // the last written
        Path half = Files.createDirectories(tmp.resolve("model._work-20261201T120000Z-cccccccc/checkpoints/epoch-0005"));
        Files.writeString(half.resolve("model.zip"), "half written: no _SUCCESS");
        Files.createDirectories(tmp.resolve("other._work-20261201T130000Z-dddddddd/checkpoints"));

        WorkDirectories work = new WorkDirectories(files, tmp.resolve("model").toString());
        assertEquals(4, work.all().size(), work.all().toString());
        WorkDirectories.Resumable r = work.newestCheckpoint().orElseThrow();
        assertEquals("model._work-20261201T110000Z-bbbbbbbb", r.workDir().getName());
        assertEquals(1, r.epoch());

        work.removeAllBut(r.workDir());
        assertEquals(List.of(r.workDir()), work.all());
        assertTrue(Files.exists(tmp.resolve("other._work-20261201T130000Z-dddddddd")), "another output's is kept");
    }

    @Test
    void runIdsSortByStartAndNeverRepeat(@TempDir Path tmp) {
        WorkDirectories work = new WorkDirectories(files, tmp.resolve("model").toString());
        String a = WorkDirectories.newRunId();
        String b = WorkDirectories.newRunId();
        assertFalse(a.equals(b));
        assertTrue(work.forRun(a).getName().startsWith("model._work-20"));
        assertTrue(work.batchesForRun(a).getName().startsWith("model._batches-20"));
        assertTrue(work.newestCheckpoint().isEmpty());
    }

    private static void checkpoint(Path tmp, String workDir, int epoch, long writtenAt) throws Exception {
        Path c = Files.createDirectories(tmp.resolve(workDir).resolve("checkpoints")
                .resolve(String.format("epoch-%04d", epoch)));
        Path success = Files.writeString(c.resolve("_SUCCESS"), "");
        assertTrue(success.toFile().setLastModified(writtenAt));
    }
}
