package dev.seqtrain.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command (bash, python3) from the project directory and captures its outcome. */
final class Processes {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private Processes() {
    }

    static Result run(List<String> command, Map<String, String> env, List<String> unset) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")));
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        File out = File.createTempFile("seqtrain-ops", ".out");
        File err = File.createTempFile("seqtrain-ops", ".err");
        try {
            Process p = pb.redirectOutput(out).redirectError(err).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    static boolean available(String program) {
        try {
            return run(List.of(program, "--version"), Map.of(), List.of()).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
