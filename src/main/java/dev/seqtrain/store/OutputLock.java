package dev.seqtrain.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One job per output at a time: {@code <parent>/<name>.lock}, created atomically before anything of the output is
 * deleted or written, holding who took it (user, host, pid, start time). The holder refreshes its modification time
 * (a heartbeat, every quarter of the stale time) so that a long job is not taken for dead; a lock not refreshed for
 * the stale time ({@code output.lock_stale_minutes}) was left by a killed job and is taken over, with a warning.
 *
 * <p>Atomic creation: NIO {@code CREATE_NEW} for {@code file:} paths (Hadoop's local create(overwrite=false) checks,
 * then creates), the filesystem's create(overwrite=false) elsewhere (atomic at the HDFS NameNode).
 */
public final class OutputLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SUFFIX = ".lock";
    /** Guards a takeover, so two jobs cannot both replace one stale lock. */
    private static final String TAKEOVER = ".takeover";

    private final HadoopFiles files;
    private final Path path;
    private final String id;
    private final ScheduledExecutorService heartbeat;
    /** SIGTERM (a scheduler stopping the job) runs no finally block: the lock goes in a shutdown hook. */
    private final Runnable onShutdown = this::release;

    private OutputLock(HadoopFiles files, Path path, String id, Duration stale) {
        this.files = files;
        this.path = path;
        this.id = id;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqtrain-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(250, stale.toMillis() / 4);
        heartbeat.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
        // before Hadoop closes its filesystems in its own hook
        ShutdownHookManager.get().addShutdownHook(onShutdown, FileSystem.SHUTDOWN_HOOK_PRIORITY + 1);
    }

    /** Who holds a lock, as its file says. */
    public record Holder(String user, String host, long pid, String started, String id, String pidNamespace) {
        String describe() {
            return "a seqtrain job of " + user + "@" + host + " (pid " + pid + ") started at " + started;
        }
    }

    /** The lock of the output at {@code target}, beside it. */
    public static Path pathOf(HadoopFiles files, String target) {
        Path t = AtomicDirectory.outputPath(files, target);
        return new Path(t.getParent(), t.getName() + SUFFIX);
    }

    /**
     * Takes the lock of {@code target}, or says who holds it (empty result: see {@link #holderMessage}). A lock older
     * than {@code stale} is taken over.
     */
    public static Optional<OutputLock> tryAcquire(HadoopFiles files, String target, Duration stale) {
        Path lock = pathOf(files, target);
        String id = UUID.randomUUID().toString();
        if (createNew(files, lock, content(id))) return Optional.of(new OutputLock(files, lock, id, stale));
        if (!isStale(files, lock, stale)) return Optional.empty();
        Path guard = lock.suffix(TAKEOVER);
        if (!createNew(files, guard, content(id))) {
            // a job killed in the middle of a takeover leaves the guard: stale in its turn
            if (!isStale(files, guard, stale)) return Optional.empty();
            files.deleteRecursively(guard);
            if (!createNew(files, guard, content(id))) return Optional.empty();
        }
        try {
            // another job may have taken it over between our look and our guard
            if (!isStale(files, lock, stale)) return Optional.empty();
            String was = describe(files, lock);
            files.deleteRecursively(lock);
            if (!createNew(files, lock, content(id))) return Optional.empty();
            LOG.warn("took over the stale lock {}: {} no longer runs on this host, or had not refreshed it for over {}"
                    + " minutes", lock, was, stale.toMinutes());
            return Optional.of(new OutputLock(files, lock, id, stale));
        } finally {
            files.deleteRecursively(guard);
        }
    }

    /** Takes the lock of {@code target} or fails (exit 6) naming the holder. */
    public static OutputLock acquire(HadoopFiles files, String target, Duration stale) {
        return tryAcquire(files, target, stale).orElseThrow(() ->
                new SeqtrainException(ExitCode.OUTPUT_EXISTS, holderMessage(files, target, stale)));
    }

    /** One line: the output is in use, by whom, and what to do about a lock left by a killed job. */
    public static String holderMessage(HadoopFiles files, String target, Duration stale) {
        Path lock = pathOf(files, target);
        return target + " is in use by " + describe(files, lock) + " (lock " + lock + "; a lock not refreshed for "
                + stale.toMinutes() + " minutes (output.lock_stale_minutes) is taken over)";
    }

    public Path path() {
        return path;
    }

    /** Stops the heartbeat and removes the lock, if it is still ours. */
    @Override
    public void close() {
        if (heartbeat.isShutdown()) return;
        if (!ShutdownHookManager.get().isShutdownInProgress()) ShutdownHookManager.get().removeShutdownHook(onShutdown);
        release();
    }

    private synchronized void release() {
        if (heartbeat.isShutdown()) return;
        heartbeat.shutdownNow();
        try {
            if (ours()) files.deleteRecursively(path);
        } catch (RuntimeException e) {
            LOG.warn("could not remove the lock {}: {}", path, e.getMessage());
        }
    }

    private void refresh() {
        try {
            if (!ours()) {
                LOG.warn("the lock {} is no longer this job's: another job took it over", path);
                heartbeat.shutdown();
                return;
            }
            files.fs(path).setTimes(path, System.currentTimeMillis(), -1);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not refresh the lock {}: {}", path, e.getMessage());
        }
    }

    private boolean ours() {
        return read(files, path).map(h -> id.equals(h.id())).orElse(false);
    }

    /**
     * Not refreshed for {@code stale}, or held by a process of this host (and pid namespace) that no longer runs: a
     * job killed with SIGKILL need not keep its output locked until the stale time.
     */
    private static boolean isStale(HadoopFiles files, Path p, Duration stale) {
        long modified = files.modificationTime(p);
        if (modified < 0) return false;
        if (System.currentTimeMillis() - modified > stale.toMillis()) return true;
        return read(files, p).map(h -> h.host().equals(host()) && PID_NAMESPACE != null
                && PID_NAMESPACE.equals(h.pidNamespace()) && h.pid() > 0 && ProcessHandle.of(h.pid()).isEmpty())
                .orElse(false);
    }

    /** Linux's pid namespace of this process: a pid names the same process only within one. */
    private static final String PID_NAMESPACE = pidNamespace();

    private static String pidNamespace() {
        try {
            return Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static String describe(HadoopFiles files, Path lock) {
        return read(files, lock).map(Holder::describe).orElse("another seqtrain job");
    }

    static Optional<Holder> read(HadoopFiles files, Path lock) {
        try {
            JsonNode n = JSON.readTree(files.readString(lock));
            return Optional.of(new Holder(n.path("user").asText("?"), n.path("host").asText("?"),
                    n.path("pid").asLong(-1), n.path("started").asText("?"), n.path("id").asText(""),
                    n.path("pid_namespace").asText("")));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static byte[] content(String id) {
        ObjectNode n = JSON.createObjectNode();
        n.put("user", System.getProperty("user.name"));
        n.put("host", host());
        n.put("pid", ProcessHandle.current().pid());
        n.put("started", Instant.now().toString());
        n.put("id", id);
        if (PID_NAMESPACE != null) n.put("pid_namespace", PID_NAMESPACE);
        return (n.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** Creates {@code p} with {@code content} unless it exists, atomically; false when it existed. */
    static boolean createNew(HadoopFiles files, Path p, byte[] content) {
        if ("file".equals(files.fs(p).getUri().getScheme())) {
            File f = new File(p.toUri().getPath());
            try {
                Files.createDirectories(f.toPath().getParent());
                Files.write(f.toPath(), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the lock " + p, e);
            }
        }
        FSDataOutputStream out;
        try {
            out = files.fs(p).create(p, false);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS reports a concurrent create of the same file as a RemoteException (AlreadyBeingCreated)
            if (files.exists(p)) return false;
            throw new UncheckedIOException("cannot create the lock " + p, e);
        }
        try (out) {
            out.write(content);
            return true;
        } catch (IOException e) {
            // created but not written (a full quota): ours to remove, and the failure is the environment's
            try {
                files.fs(p).delete(p, false);
            } catch (IOException ignored) {
                // the original failure says more
            }
            throw new UncheckedIOException("cannot write the lock " + p, e);
        }
    }
}
