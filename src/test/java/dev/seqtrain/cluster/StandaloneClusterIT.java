package dev.seqtrain.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #6: the cluster jar on a real multi-process Spark standalone cluster. A Master and two Workers (separate JVMs,
 * started from a Spark distribution assembled from the project's Maven jars), then {@code submit-scripts/submit.sh
 * standalone run} — conf/standalone.conf, client deploy mode, Spark's launcher and SparkSubmit in a JVM of their own —
 * with the demo job shrunk by {@code --set}. Runs in {@code mvn verify} (Failsafe, after {@code package} built the
 * jar). That training learns across executor JVMs is MultiJvmTrainingTest's job; this one checks the deployment.
 */
@Tag("standalone")
class StandaloneClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_NAME = "seqtrain run demo-sentiment"; // submit.sh's --name
    private static final Pattern EXECUTOR_LINE = Pattern.compile("ND4J on executor (\\S+) \\(.*\\): CpuBackend");

    @Test
    void submitShTrainsTheDemoWithTheClusterJarOnTwoWorkers(@TempDir Path tmp) throws Exception {
        Path jar = Path.of(System.getProperty("seqtrain.cluster.jar", "target/seqtrain-cluster.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no cluster jar " + jar + ": Failsafe runs after 'package', which builds it");
        SparkDistribution spark = SparkDistribution.assemble(tmp.resolve("spark"));
        // executors must find DL4J, ND4J and seqtrain in the submitted jar, nowhere else
        for (String name : spark.jarNames()) {
            assertFalse(name.matches("(deeplearning4j|dl4j|nd4j|datavec|javacpp|openblas|seqtrain).*"), "not Spark's: " + name);
        }

        long started = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(spark, tmp.resolve("cluster"), 2, Duration.ofMinutes(2))) {
            double clusterSeconds = (System.nanoTime() - started) / 1e9;
            Path model = tmp.resolve("model");
            Map<String, String> env = new HashMap<>(spark.environment(tmp.resolve("local")));
            env.put("SEQTRAIN_JAR", jar.toString());
            List<String> command = new ArrayList<>(List.of("bash", "submit-scripts/submit.sh", "standalone", "run",
                    "spark-jobs/demo-sentiment.yaml", "--set", "output.dir=" + model,
                    "--set", "data.demo.documents=2000", "--set", "training.epochs=1", "--set", "training.workers=2",
                    "--", "--master", cluster.masterUrl(), "--executor-cores", "1", "--executor-memory", "768m",
                    "--total-executor-cores", "2",
                    // start once both executors registered, so both get work from the first job on
                    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0", "--conf", "spark.ui.enabled=false"));
            try (LoggedProcess submit = LoggedProcess.start("submit", command, env, tmp.resolve("cluster/logs"))) {
                try {
                    long submitted = System.nanoTime();
                    int exit = submit.waitFor(Duration.ofMinutes(6).toSeconds());
                    System.err.printf("standalone cluster: up in %.1f s; submit.sh run took %.1f s%n", clusterSeconds,
                            (System.nanoTime() - submitted) / 1e9);
                    assertEquals(0, exit, "submit.sh exit code (-1: timed out)");
                    assertStatusLine(submit.stdout(), model);
                    assertCompleteModelDirectory(model);
                    assertExecutorsRanOnBothWorkers(cluster, submit.stderr());
                } catch (Throwable failure) {
                    System.err.println(cluster.logs() + submit.report());
                    throw failure;
                }
            }
        }
    }

    private static void assertStatusLine(String stdout, Path model) throws Exception {
        String[] lines = stdout.strip().split("\n");
        JsonNode status = JSON.readTree(lines[lines.length - 1]);
        assertEquals("run", status.path("seqtrain").asText(), status.toString());
        assertEquals("ok", status.path("status").asText(), status.toString());
        assertEquals(model.toString(), status.path("output").asText(), status.toString());
        double accuracy = status.path("metrics").path("accuracy").asDouble(-1);
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy in the status line: " + status);
    }

    private static void assertCompleteModelDirectory(Path model) throws Exception {
        for (String f : List.of("model.zip", "tokenizer.json", "labels.json", "job.yaml", "history.json",
                "metrics.json", "summary.txt", "manifest.json", "_SUCCESS")) {
            assertTrue(Files.isRegularFile(model.resolve(f)), f + " missing in " + model);
        }
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model.resolve("model.zip"))));
        assertEquals(sha256, JSON.readTree(model.resolve("manifest.json").toFile()).path("sha256").path("model.zip").asText());
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(1, history.size(), history.toString());
        assertTrue(Double.isFinite(history.get(0).path("loss").asDouble(Double.NaN)), history.toString());
        try (var siblings = Files.list(model.getParent())) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(model.getFileName() + "._work")),
                    "work directory left behind");
        }
    }

    /**
     * The Master lists the application; each Worker ran one of its executors, whose own log (in that Worker's
     * directory) shows ND4J's CPU backend loaded from the cluster jar; the driver heard from both executors.
     */
    private static void assertExecutorsRanOnBothWorkers(StandaloneCluster cluster, String driverLog) {
        String appId = completedApplication(cluster);
        Set<String> executorIds = new TreeSet<>();
        for (int n = 1; n <= cluster.workers(); n++) {
            JsonNode worker = cluster.workerState(n);
            List<String> ids = new ArrayList<>();
            for (String list : List.of("executors", "finishedexecutors")) {
                worker.path(list).forEach(e -> {
                    if (appId.equals(e.path("appid").asText())) ids.add(e.path("id").asText());
                });
            }
            assertEquals(1, ids.size(), "executors of " + appId + " on worker " + n + ": " + worker);
            String executor = ids.get(0);
            String log = LoggedProcess.read(cluster.workerDir(n).resolve(appId).resolve(executor).resolve("stderr"));
            assertTrue(log.contains("ND4J on executor " + executor + " "), "executor " + executor + "'s log on worker " + n + ":\n" + log);
            // in conf/log4j2.properties' layout ("HH:mm:ss LEVEL logger: message"), not Spark's default
            // ("yy/MM/dd HH:mm:ss ..."): the executor adopted the shipped file once its first task had fetched it
            assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d INFO  seqtrain: ND4J on executor " + executor + " ")
                    .matcher(log).find(), "executor " + executor + " logs with seqtrain's configuration:\n" + log);
            executorIds.add(executor);
        }
        assertEquals(cluster.workers(), executorIds.size(), "executor ids " + executorIds);

        Set<String> reported = new TreeSet<>();
        Matcher m = EXECUTOR_LINE.matcher(driverLog);
        while (m.find()) reported.add(m.group(1));
        assertEquals(executorIds, reported, "executors in the driver's ND4J report");
    }

    /** The application's id, once the Master has moved it to its completed applications (the driver has stopped). */
    private static String completedApplication(StandaloneCluster cluster) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode master = cluster.masterState();
            for (JsonNode app : master.path("completedapps")) {
                if (APP_NAME.equals(app.path("name").asText())) {
                    assertEquals("FINISHED", app.path("state").asText(), app.toString());
                    return app.path("id").asText();
                }
            }
            assertTrue(System.nanoTime() < deadline, "no completed application '" + APP_NAME + "' in " + master);
            LocalCluster.sleep(250);
        }
    }
}
