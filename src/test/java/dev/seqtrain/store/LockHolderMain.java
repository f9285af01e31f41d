package dev.seqtrain.store;

import org.apache.hadoop.conf.Configuration;

import java.time.Duration;

/** A process that takes the lock of {@code args[0]}, says so, and waits to be stopped: see {@link OutputLockTest}. */
public final class LockHolderMain {
    public static void main(String[] args) throws Exception {
        OutputLock.acquire(new HadoopFiles(new Configuration()), args[0], Duration.ofMinutes(10));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
    }

    private LockHolderMain() {
    }
}
