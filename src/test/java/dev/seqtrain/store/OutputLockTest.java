package dev.seqtrain.store;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.testing.MiniHdfs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One job per output: the lock beside it, on the local filesystem and on HDFS. */
class OutputLockTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private final HadoopFiles files = new HadoopFiles(new Configuration());

    @Test
    void aHeldLockRefusesASecondJobNamingTheHolder(@TempDir java.nio.file.Path tmp) {
        String model = tmp.resolve("model").toString();
        try (OutputLock first = OutputLock.acquire(files, model, TEN_MINUTES)) {
            assertTrue(Files.exists(tmp.resolve("model.lock")));
            assertTrue(OutputLock.tryAcquire(files, model, TEN_MINUTES).isEmpty());
            SeqtrainException e = assertThrows(SeqtrainException.class, () -> OutputLock.acquire(files, model, TEN_MINUTES));
            assertEquals(ExitCode.OUTPUT_EXISTS, e.exitCode());
            String m = e.getMessage();
            assertTrue(m.startsWith(model + " is in use by a seqtrain job of " + System.getProperty("user.name") + "@"), m);
            assertTrue(m.contains("(pid " + ProcessHandle.current().pid() + ") started at 20"), m);
            assertTrue(m.contains("lock " + first.path()), m);
            assertFalse(m.contains("\n"), m);
        }
        assertFalse(Files.exists(tmp.resolve("model.lock")), "released");
        OutputLock.acquire(files, model, TEN_MINUTES).close();
    }

    @Test
    void aStaleLockIsTakenOver(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path lock = Files.writeString(tmp.resolve("model.lock"),
                "{\"user\":\"gone\",\"host\":\"old-host\",\"pid\":1,\"started\":\"2020-01-01T00:00:00Z\",\"id\":\"old\"}\n");
        assertTrue(lock.toFile().setLastModified(System.currentTimeMillis() - Duration.ofMinutes(11).toMillis()));
        Optional<OutputLock> taken = OutputLock.tryAcquire(files, tmp.resolve("model").toString(), TEN_MINUTES);
        assertTrue(taken.isPresent(), "a lock not refreshed for 11 minutes is stale after 10");
        try (OutputLock l = taken.get()) {
            assertNotEquals("old", OutputLock.read(files, l.path()).orElseThrow().id());
            assertFalse(Files.exists(tmp.resolve("model.lock.takeover")), "the takeover guard is removed");
        }
        // a fresh lock of someone else is not
        Files.writeString(lock, "{\"user\":\"alive\",\"host\":\"h\",\"pid\":2,\"started\":\"now\",\"id\":\"x\"}\n");
        assertTrue(OutputLock.tryAcquire(files, tmp.resolve("model").toString(), TEN_MINUTES).isEmpty());
        assertTrue(Files.exists(lock), "another job's lock is never removed by a release");
    }

    @Test
    void theHolderRefreshesItsLockSoALongJobIsNotTakenForStale(@TempDir java.nio.file.Path tmp) throws Exception {
        Duration stale = Duration.ofSeconds(2);
        try (OutputLock l = OutputLock.acquire(files, tmp.resolve("model").toString(), stale)) {
            java.io.File f = tmp.resolve("model.lock").toFile();
            for (int i = 0; i < 8; i++) {
                Thread.sleep(500);
                assertTrue(OutputLock.tryAcquire(files, tmp.resolve("model").toString(), stale).isEmpty(),
                        "taken over after " + (i + 1) * 500 + " ms although its holder is alive");
            }
            assertTrue(System.currentTimeMillis() - f.lastModified() < 2000, "refreshed");
        }
    }

    @Test
    void jobsStartingTogetherGetOneLock(@TempDir java.nio.file.Path tmp) throws Exception {
        String model = tmp.resolve("model").toString();
        assertEquals(1, race(8, () -> OutputLock.tryAcquire(files, model, TEN_MINUTES)));
    }

    @Test
    void onHdfs(@TempDir java.nio.file.Path tmp) throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start(tmp)) {
            HadoopFiles h = new HadoopFiles(hdfs.fileSystem().getConf());
            String model = hdfs.uri() + "/jobs/model";
            assertEquals(1, race(4, () -> OutputLock.tryAcquire(h, model, TEN_MINUTES)));
            FileSystem fs = hdfs.fileSystem();
            Path lock = new Path(hdfs.uri() + "/jobs/model.lock");
            assertFalse(fs.exists(lock), "released");
            OutputLock dead = OutputLock.acquire(h, model, TEN_MINUTES);
            assertTrue(fs.exists(lock));
            SeqtrainException e = assertThrows(SeqtrainException.class, () -> OutputLock.acquire(h, model, TEN_MINUTES));
            assertTrue(e.getMessage().contains("is in use by a seqtrain job of"), e.getMessage());
            fs.setTimes(lock, System.currentTimeMillis() - Duration.ofMinutes(20).toMillis(), -1);
            try (OutputLock l = OutputLock.acquire(h, model, TEN_MINUTES)) {
                assertEquals(lock, l.path());
                dead.close();
                assertTrue(fs.exists(lock), "the old holder's release leaves the new holder's lock alone");
            }
            assertFalse(fs.exists(lock));
        }
    }

    @Test
    void aStoppedJobReleasesItsLockAndAKilledOneLeavesIt(@TempDir java.nio.file.Path tmp) throws Exception {
        for (boolean kill : new boolean[]{false, true}) {
            String model = tmp.resolve(kill ? "killed" : "stopped").toString();
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), model)
                    .redirectErrorStream(true).start();
            try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("locked")) {
                    // the JVM's own start-up chatter
                }
                assertEquals("locked", line);
                assertTrue(Files.exists(java.nio.file.Path.of(model + ".lock")));
                if (kill) p.destroyForcibly(); else p.destroy(); // SIGKILL, SIGTERM
                assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            // SIGKILL runs nothing: the lock stays
            assertEquals(kill, Files.exists(java.nio.file.Path.of(model + ".lock")), kill ? "SIGKILL" : "SIGTERM");
        }
        // the killed holder ran on this host and runs no more: its lock need not wait to go stale
        try (OutputLock taken = OutputLock.acquire(files, tmp.resolve("killed").toString(), TEN_MINUTES)) {
            assertTrue(Files.exists(tmp.resolve("killed.lock")));
        }
    }

    /** {@code n} threads try at once; returns how many got the lock (the locks are released afterwards). */
    private static int race(int n, Callable<Optional<OutputLock>> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Optional<OutputLock>>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return attempt.call();
                }));
            }
            go.countDown();
            int won = 0;
            List<OutputLock> held = new ArrayList<>();
            for (Future<Optional<OutputLock>> f : results) f.get().ifPresent(held::add);
            won = held.size();
            held.forEach(OutputLock::close);
            return won;
        } finally {
            pool.shutdownNow();
        }
    }
}
