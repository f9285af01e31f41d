package dev.seqtrain.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing shared folder skips a developer's run and fails CI's, naming the path. */
class SharedFolderTest {
    @Test
    void missingFolderIsASkipOutsideCiAndAFailureInCi(@TempDir Path tmp) {
        Path missing = tmp.resolve("shared/conformance/keras-text");
        TestAbortedException skip = assertThrows(TestAbortedException.class, () -> SharedFolder.require(missing, false));
        assertTrue(skip.getMessage().contains(missing.toString()), skip.getMessage());
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> SharedFolder.require(missing, true));
        assertTrue(failure.getMessage().startsWith("CI=true and " + missing), failure.getMessage());
    }

    @Test
    void presentFolderIsReturnedEitherWay(@TempDir Path tmp) {
        assertEquals(tmp, SharedFolder.require(tmp, true));
        assertEquals(tmp, SharedFolder.require(tmp, false));
    }
}
