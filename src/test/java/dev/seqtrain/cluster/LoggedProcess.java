package dev.seqtrain.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process started from the project directory with stdout and stderr in files of their own, stopped with everything
 * it started (a Worker's executors, a launcher's JVM).
 */
final class LoggedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private LoggedProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static LoggedProcess start(String name, List<String> command, Map<String, String> env, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new LoggedProcess(name, pb.start(), out, err);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 after killing the process tree when it runs longer than {@code timeoutSeconds}. */
    int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            close();
            return -1;
        }
        return process.exitValue();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Both outputs under a header, for a failure report. */
    String report() {
        return "----- " + name + " (" + (process.isAlive() ? "running" : "exit " + process.exitValue()) + ") stdout:\n"
                + stdout() + "\n----- " + name + " stderr:\n" + stderr() + "\n";
    }

    /** SIGKILL to the whole tree, children first, so a Worker's executors do not outlive it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e + ")";
        }
    }
}
