package dev.seqtrain.store;

import dev.seqtrain.job.IfExists;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** overwrite replaces only what seqtrain wrote; anything else is an error naming it, and nothing is deleted. */
class OutputReplacementTest {
    private final HadoopFiles files = new HadoopFiles(new Configuration());

    @Test
    void overwriteRefusesAUsersFileAndAForeignDirectory(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("a.jpg"), "jpg");
        Files.writeString(dir.resolve("_SUCCESS"), ""); // a Spark job's output, say: still not a model directory
        for (Path p : new Path[]{file, dir}) {
            for (IfExists policy : new IfExists[]{IfExists.OVERWRITE, IfExists.SKIP}) {
                SeqtrainException e = assertThrows(SeqtrainException.class,
                        () -> AtomicDirectory.check(files, p.toString(), policy, OutputKind.MODEL));
                assertEquals(ExitCode.OUTPUT_EXISTS, e.exitCode());
                assertEquals(p + " exists and is not a seqtrain model directory (no _SUCCESS and manifest.json); "
                        + "output.if_exists: " + policy + " replaces only what seqtrain wrote, so nothing was deleted: "
                        + "move it away or choose another path", e.getMessage());
            }
            // and at commit, should it appear while the job ran
            AtomicDirectory out = AtomicDirectory.begin(files, p.toString(), IfExists.OVERWRITE, OutputKind.MODEL);
            files.writeString(out.file(ModelDirectory.MANIFEST), "{}");
            SeqtrainException e = assertThrows(SeqtrainException.class, out::commit);
            assertEquals(ExitCode.OUTPUT_EXISTS, e.exitCode());
        }
        assertEquals("mine", Files.readString(file));
        assertEquals("jpg", Files.readString(dir.resolve("a.jpg")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(2, s.count(), "no temporary sibling left");
        }
    }

    @Test
    void overwriteReplacesACompleteDirectoryOfItsKindOrAnEmptyOne(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("_SUCCESS"), "");
        Files.writeString(model.resolve("manifest.json"), "{}");
        Files.writeString(model.resolve("old.txt"), "old");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (Path p : new Path[]{model, empty}) {
            assertEquals(AtomicDirectory.Existing.ABSENT, AtomicDirectory.check(files, p.toString(), IfExists.OVERWRITE, OutputKind.MODEL));
            AtomicDirectory out = AtomicDirectory.begin(files, p.toString(), IfExists.OVERWRITE, OutputKind.MODEL);
            files.writeString(out.file(ModelDirectory.MANIFEST), "{\"new\":true}");
            out.commit();
            assertTrue(Files.readString(p.resolve("manifest.json")).contains("new"));
        }
        assertFalse(Files.exists(model.resolve("old.txt")));
        assertEquals(AtomicDirectory.Existing.SKIP, AtomicDirectory.check(files, model.toString(), IfExists.SKIP, OutputKind.MODEL));
        // a model directory is not a report: each kind is recognised by its own files
        assertThrows(SeqtrainException.class, () -> AtomicDirectory.check(files, model.toString(), IfExists.OVERWRITE, OutputKind.REPORT));
    }

    @Test
    void aRefusedCommitKeepsTheTrainingsWorkDirectory(@TempDir Path tmp) throws Exception {
        Path target = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(target.resolve("thesis.tex"), "mine"); // put there while the job ran
        org.apache.hadoop.fs.Path work = new WorkDirectories(files, target.toString()).forRun("r1");
        AtomicDirectory out = AtomicDirectory.resumable(files, target.toString(), IfExists.OVERWRITE, OutputKind.MODEL, work);
        files.writeString(out.file(ModelDirectory.MANIFEST), "{}");
        SeqtrainException e = assertThrows(SeqtrainException.class, out::commit);
        assertTrue(e.getMessage().endsWith("; the trained model stays in " + work), e.getMessage());
        assertTrue(files.exists(new org.apache.hadoop.fs.Path(work, ModelDirectory.MANIFEST)));
        assertEquals("mine", Files.readString(target.resolve("thesis.tex")));
    }

    @Test
    void theWorkingDirectoryIsAPathLikeAnyOther() {
        // "." used to have no parent (NullPointerException); it holds this project, which is not a report
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> AtomicDirectory.begin(files, ".", IfExists.OVERWRITE, OutputKind.REPORT).commit());
        assertEquals(ExitCode.OUTPUT_EXISTS, e.exitCode());
        assertTrue(e.getMessage().startsWith(files.qualify(".") + " exists and is not a seqtrain evaluation report"), e.getMessage());
        assertTrue(Files.exists(Path.of("pom.xml")));
    }
}
