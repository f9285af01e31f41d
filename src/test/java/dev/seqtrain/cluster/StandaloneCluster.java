package dev.seqtrain.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback, as {@code sbin/start-master.sh} and {@code start-worker.sh} would start it:
 * a Master and Workers, each a JVM of its own started through the distribution's {@code bin/spark-class}, on free
 * ports, one core and 1 GiB per Worker. Workers launch executors from {@code SPARK_HOME/jars} and keep their logs
 * under {@code <dir>/worker-N/<app id>/<executor id>/}. Closing kills every process, executors included.
 */
final class StandaloneCluster implements AutoCloseable {
    static final String WORKER_MEMORY = "1g";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkDistribution spark;
    private final Path dir;
    private final int masterPort = freePort();
    private final int masterUiPort = freePort();
    private final List<LoggedProcess> daemons = new ArrayList<>();
    private final List<Integer> workerUiPorts = new ArrayList<>();

    private StandaloneCluster(SparkDistribution spark, Path dir) {
        this.spark = spark;
        this.dir = dir;
    }

    /** Master first, then {@code workers} Workers once it answers, then waits until all of them registered. */
    static StandaloneCluster start(SparkDistribution spark, Path dir, int workers, Duration timeout) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(spark, dir);
        try {
            cluster.daemons.add(cluster.launch("master", "org.apache.spark.deploy.master.Master", List.of(
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(cluster.masterUiPort))));
            cluster.await("the Master's web UI", timeout, state -> "ALIVE".equals(state.path("status").asText()));
            for (int i = 1; i <= workers; i++) {
                int uiPort = freePort();
                cluster.workerUiPorts.add(uiPort);
                Path workDir = Files.createDirectories(cluster.workerDir(i));
                cluster.daemons.add(cluster.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker", List.of(
                        "--host", "127.0.0.1", "--webui-port", String.valueOf(uiPort), "--cores", "1",
                        "--memory", WORKER_MEMORY, "--work-dir", workDir.toString(), cluster.masterUrl())));
            }
            cluster.await(workers + " registered Workers", timeout, state -> state.path("aliveworkers").asInt() == workers);
            return cluster;
        } catch (Exception | AssertionError e) {
            System.err.println(cluster.logs());
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The Master's state as its web UI serves it ({@code /json}: workers, active and completed applications). */
    JsonNode masterState() {
        return getJson(masterUiPort);
    }

    /** Worker {@code n}'s state ({@code /json}: its running and finished executors, with their application ids). */
    JsonNode workerState(int n) {
        return getJson(workerUiPorts.get(n - 1));
    }

    int workers() {
        return workerUiPorts.size();
    }

    Path workerDir(int n) {
        return dir.resolve("worker-" + n);
    }

    /** The daemons' output and every executor's stdout/stderr under the Workers' directories. */
    String logs() {
        StringBuilder all = new StringBuilder();
        daemons.forEach(d -> all.append(d.report()));
        try (Stream<Path> files = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            files.filter(p -> p.getFileName().toString().matches("stdout|stderr")).sorted()
                    .forEach(p -> all.append("----- executor log ").append(p).append(":\n").append(LoggedProcess.read(p)).append('\n'));
        } catch (IOException e) {
            all.append("(could not list ").append(dir).append(": ").append(e).append(")\n");
        }
        return all.toString();
    }

    /** Workers (and their executors) first, then the Master. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).close();
        }
    }

    private LoggedProcess launch(String name, String mainClass, List<String> args) throws IOException {
        // the launcher gives the daemons -Xmx$SPARK_DAEMON_MEMORY (default 1g)
        Map<String, String> env = new java.util.HashMap<>(spark.environment(dir.resolve("local")));
        env.put("SPARK_DAEMON_MEMORY", "256m");
        return LoggedProcess.start(name, spark.sparkClass(mainClass, args), env, dir.resolve("logs"));
    }

    private void await(String what, Duration timeout, Predicate<JsonNode> ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (LoggedProcess d : daemons) {
                if (!d.isAlive()) throw new IllegalStateException(d.name() + " exited while waiting for " + what);
            }
            try {
                if (ready.test(masterState())) return;
            } catch (UncheckedIOException notYet) {
                // the web UI is not up yet
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("no " + what + " within " + timeout);
            LocalCluster.sleep(250);
        }
    }

    private static JsonNode getJson(int port) {
        try (InputStream in = URI.create("http://127.0.0.1:" + port + "/json/").toURL().openStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
