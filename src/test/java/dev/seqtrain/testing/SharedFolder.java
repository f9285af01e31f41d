package dev.seqtrain.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared folder beside the repository ({@code ../shared}, or {@code -Dseqtrain.shared}) that holds Keras' golden
 * files and the corpora. Where it is absent a developer's run skips the tests that need it; CI ({@code CI=true})
 * fails them instead, so a CI run without the golden files cannot pass as green.
 */
public final class SharedFolder {
    private SharedFolder() {
    }

    public static Path root() {
        return Path.of(System.getProperty("seqtrain.shared", "../shared")).toAbsolutePath().normalize();
    }

    /** {@code relative} under the shared folder; a skip when it is absent, a failure under CI=true. */
    public static Path require(String relative) {
        return require(root().resolve(relative), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static Path require(Path dir, boolean ci) {
        if (Files.isDirectory(dir)) return dir;
        String why = dir + " not found: the Keras golden files live in the shared folder beside the repository "
                + "(-Dseqtrain.shared=" + System.getProperty("seqtrain.shared", "../shared") + ")";
        if (ci) fail("CI=true and " + why);
        Assumptions.abort("SKIPPED: " + why);
        return dir;
    }
}
