package dev.seqtrain.cluster;

import dev.seqtrain.testing.CliProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two schedulers start the same job at the same time: two JVMs running the CLI on one output directory. Exactly one
 * trains; the other exits 6 at once with one line saying why; the output holds one complete model directory with
 * that job's checkpoints only, and nothing else is left beside it.
 */
class ConcurrentJobsTest {

    @Test
    void twoJobsOnOneOutputDirectory(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model");
        List<CliProcess> jobs = new ArrayList<>();
        try {
            for (String name : List.of("job-a", "job-b")) jobs.add(CliProcess.start(name, tmp.resolve("logs"), args(model)));
            int[] codes = new int[jobs.size()];
            for (int i = 0; i < codes.length; i++) codes[i] = jobs.get(i).waitFor(600);
            String report = report(jobs.get(0)) + report(jobs.get(1));
            int winner = codes[0] == 0 ? 0 : 1;
            assertEquals(0, codes[winner], report);
            assertEquals(6, codes[1 - winner], report);

            String loserErr = jobs.get(1 - winner).stderr();
            List<String> errors = loserErr.lines().filter(l -> l.startsWith("seqtrain: error: ")).toList();
            assertEquals(1, errors.size(), loserErr);
            // the loser meets the winner's lock, or (had the winner finished first) its model directory
            String line = errors.get(0);
            assertTrue(line.startsWith("seqtrain: error: " + model + " is in use by a seqtrain job of ")
                    || line.startsWith("seqtrain: error: " + model + " already exists"), line);
            assertFalse(loserErr.contains("\tat "), "no stack trace: " + loserErr);
            System.err.println("the losing job said: " + line);

            for (String f : List.of("_SUCCESS", "manifest.json", "model.zip", "history.json", "job.yaml")) {
                assertTrue(Files.exists(model.resolve(f)), f + " missing\n" + report);
            }
            assertEquals(List.of("epoch-0001", "epoch-0002"), names(model.resolve("checkpoints")), "one job's checkpoints");
            assertEquals(List.of("logs", "model", "model.prepared"), names(tmp), "no lock, work or temporary directory left");
        } finally {
            for (CliProcess job : jobs) job.close();
        }
    }

    private static List<String> args(Path model) {
        return List.of("run", "spark-jobs/demo-sentiment.yaml", "--set", "output.dir=" + model,
                "--set", "output.if_exists=fail", "--set", "data.demo.documents=1000", "--set", "training.epochs=2",
                "--set", "model.layers[0].output_dim=16", "--set", "model.layers[1].units=16",
                "--set", "training.workers=2");
    }

    private static String report(CliProcess job) {
        return "----- pid " + job.pid() + " stdout:\n" + job.stdout() + "\n----- stderr:\n" + job.stderr() + "\n";
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
