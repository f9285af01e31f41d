package dev.seqtrain.cli;

import dev.seqtrain.testing.MiniHdfs;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures found before any data is read, said in one line, with the environment's exit code (7) where the
 * environment is at fault: a folder the user may not write, a NameNode that refuses or never answers. No Spark starts.
 */
class FailFastTest {
    private static final String SPEC = "spark-jobs/demo-sentiment.yaml";

    @Test
    void unwritableOutputParentFailsBeforeAnyDataIsRead(@TempDir java.nio.file.Path tmp) throws Exception {
        // malformed rows: reading them would end in exit 3, so exit 7 proves nothing was read
        java.nio.file.Path corpus = Files.writeString(tmp.resolve("bad.tsv"), "text\tlabel\nno label here\n");
        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
            String locked = lockedFolder(hdfs);
            CliRunner.Result r = asUser("alice", () -> CliRunner.run("run", SPEC, "--set", "data.format=tsv",
                    "--set", "data.train=" + corpus, "--set", "output.dir=" + locked + "/model"));
            assertEquals(7, r.exitCode(), r.err());
            assertEquals("seqtrain: error: output.dir: " + locked + "/model: cannot write in " + locked
                    + ": Permission denied: user=alice, access=WRITE, inode=\"/locked\":root:supergroup:drwxr-xr-x",
                    r.err().strip().replace(System.getProperty("user.name") + ":", "root:"));
            FileSystem fs = hdfs.fileSystem();
            assertFalse(fs.exists(new Path(locked + "/model.prepared")), "no prepared data");
            assertEquals(0, fs.listStatus(new Path(locked)).length, "no probe left behind");
            // the status line carries the same one line, never a trace
            String status = r.statusLine();
            assertTrue(status.contains("\"exit_code\":7"), status);
            assertTrue(status.contains("Permission denied: user=alice"), status);
            assertFalse(status.contains("\\tat ") || status.contains("\\n"), status);
        }
    }

    @Test
    void verbosePrintsTheStackTrace(@TempDir java.nio.file.Path tmp) throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
            String locked = lockedFolder(hdfs);
            CliRunner.Result quiet = asUser("bob", () -> CliRunner.run("train", SPEC,
                    "--set", "output.dir=" + locked + "/model"));
            assertEquals(7, quiet.exitCode(), quiet.err());
            assertEquals(1, quiet.err().strip().lines().count(), quiet.err());
            CliRunner.Result verbose = asUser("bob", () -> CliRunner.run("train", SPEC, "--verbose",
                    "--set", "output.dir=" + locked + "/model"));
            assertEquals(7, verbose.exitCode(), verbose.err());
            assertTrue(verbose.err().startsWith(quiet.err().strip()), verbose.err());
            assertTrue(verbose.err().contains("\tat "), verbose.err());
            assertTrue(verbose.err().contains("AccessControlException"), verbose.err());
            assertFalse(verbose.statusLine().contains("\\tat "), verbose.statusLine());
        }
    }

    @Test
    void everySubcommandHasVerbose() {
        for (String sub : new String[]{"run", "prepare", "train", "evaluate", "predict", "summary"}) {
            assertTrue(CliRunner.run(sub, "--help").out().contains("--verbose"), sub);
        }
    }

    @Test
    void refusedNameNodeIsAnEnvironmentFaultNamingHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String out = "hdfs://localhost:" + port + "/models/demo";
        CliRunner.Result r = CliRunner.run("run", SPEC, "--set", "output.dir=" + out);
        assertEquals(7, r.exitCode(), r.err());
        assertEquals("seqtrain: error: output.dir: " + out + ": cannot connect to localhost:" + port
                + ": connection refused", r.err().strip());
    }

    @Test
    void hungNameNodeEndsTheJobWithinTheTimeout() throws Exception {
        int timeout = 2;
        try (HungServer hung = new HungServer()) {
            String out = "hdfs://localhost:" + hung.port() + "/models/demo";
            long start = System.nanoTime();
            CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(3L * timeout + 30),
                    () -> CliRunner.run("run", SPEC, "--set", "io.timeout_seconds=" + timeout,
                            "--set", "output.dir=" + out));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(7, r.exitCode(), r.err());
            assertEquals("seqtrain: error: output.dir: " + out + ": localhost:" + hung.port() + " did not answer within "
                    + timeout + " s (io.timeout_seconds)", r.err().strip());
            assertTrue(hung.accepted() > 0, "the client did connect");
            System.out.printf("hung NameNode: exit %d after %.1f s (timeout %d s)%n", r.exitCode(), seconds, timeout);
        }
    }

    /** A folder on HDFS that only its owner (the superuser running the NameNode) may write. */
    static String lockedFolder(MiniHdfs hdfs) throws Exception {
        FileSystem fs = hdfs.fileSystem();
        Path locked = new Path(hdfs.uri() + "/locked");
        fs.mkdirs(locked);
        fs.setPermission(locked, new FsPermission((short) 0755));
        return locked.toString();
    }

    static <T> T asUser(String user, PrivilegedExceptionAction<T> action) throws Exception {
        return UserGroupInformation.createRemoteUser(user).doAs(action);
    }

    /** Accepts connections and never answers: a NameNode stuck in a long GC pause or a dead disk. */
    static final class HungServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        HungServer() throws java.io.IOException {
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    }
                } catch (java.io.IOException closed) {
                    // closed: the test is over
                }
            }, "hung-namenode");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            synchronized (held) {
                for (Socket s : held) s.close();
            }
        }
    }
}
