package dev.seqtrain.errors;

import org.apache.hadoop.ipc.RemoteException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exit codes from cause chains as Hadoop and Spark build them: the environment's faults are found wherever they sit. */
class FailuresTest {

    private static Failures.Failure classify(Throwable t) {
        return Failures.classify(t);
    }

    @Test
    void aRefusedConnectionUnderAnInputErrorIsTheEnvironmentsFault() {
        // what Hadoop's IPC client throws, as the corpus reader wraps it (it used to end in exit 3, "fix your data")
        IOException refused = new ConnectException("Call From worker-3/10.0.0.7 to namenode.example:8020 failed on "
                + "connection exception: java.net.ConnectException: Connection refused; For more details see:  "
                + "http://wiki.apache.org/hadoop/ConnectionRefused");
        Failures.Failure f = classify(SeqtrainException.input("cannot list input path hdfs://namenode.example:8020/c: "
                + refused.getMessage(), refused));
        assertEquals(ExitCode.ENVIRONMENT, f.exitCode());
        assertEquals("cannot list input path hdfs://namenode.example:8020/c: cannot connect to namenode.example:8020: "
                + "connection refused", f.message());
    }

    @Test
    void quotaFromTheNameNodeAsRemoteException() {
        RemoteException remote = new RemoteException("org.apache.hadoop.hdfs.protocol.DSQuotaExceededException",
                "The DiskSpace quota of /q is exceeded: quota = 1024 B = 1 KB but diskspace consumed = 134217728 B = 128 MB\n\tat x");
        Failures.Failure f = classify(new UncheckedIOException("cannot write hdfs://nn/q/model.zip", remote));
        assertEquals(ExitCode.ENVIRONMENT, f.exitCode());
        assertEquals("cannot write hdfs://nn/q/model.zip: The DiskSpace quota of /q is exceeded: quota = 1024 B = 1 KB "
                + "but diskspace consumed = 134217728 B = 128 MB", f.message());
    }

    @Test
    void fullDiskPermissionAndUnknownHost() {
        assertEquals(new Failures.Failure(ExitCode.ENVIRONMENT, "cannot write /data/m.zip: No space left on device"),
                classify(new UncheckedIOException("cannot write /data/m.zip", new IOException("write failed",
                        new IOException("No space left on device")))));
        assertEquals(ExitCode.ENVIRONMENT, classify(new RuntimeException("task failed",
                new AccessDeniedException("/data/out"))).exitCode());
        Failures.Failure host = classify(new IllegalArgumentException("java.net.UnknownHostException: nosuchhost",
                new UnknownHostException("nosuchhost")));
        assertEquals(new Failures.Failure(ExitCode.ENVIRONMENT, "unknown host nosuchhost"), host);
    }

    @Test
    void oursInsideSparksWrappingKeepsItsCodeAndABugIsOneLineInternal() {
        Failures.Failure wrapped = classify(new RuntimeException("Job aborted due to stage failure:\n\tat ...",
                SeqtrainException.input("data.csv:7: expected 2 fields")));
        assertEquals(new Failures.Failure(ExitCode.INPUT, "data.csv:7: expected 2 fields"), wrapped);
        Failures.Failure bug = classify(new IllegalStateException("boom\nsecond line"));
        assertEquals(new Failures.Failure(ExitCode.INTERNAL, "java.lang.IllegalStateException: boom"), bug);
    }

    @Test
    void aTraceInsideOurMessageNeverReachesTheLine() {
        Failures.Failure f = classify(SeqtrainException.input("cannot read a.csv: java.io.IOException: bad\n\tat x.y(Z.java:1)\n"
                + "Caused by: z"));
        assertEquals(new Failures.Failure(ExitCode.INPUT, "cannot read a.csv: java.io.IOException: bad"), f);
    }
}
