package dev.seqtrain.ops;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * submit-scripts/submit.sh against a fake SPARK_HOME whose bin/spark-submit prints its arguments one per line: the
 * exact argument list spark-submit would get, for every environment in conf/, and the dry-run line.
 */
class SubmitScriptTest {
    static final Path PROJECT = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    static final Path SPEC = PROJECT.resolve("spark-jobs/demo-sentiment.yaml");
    static final List<String> OPENS = List.of("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    @TempDir
    static Path tmp;
    static Path sparkHome;
    static Path jar;

    @BeforeAll
    static void fakeSpark() throws IOException {
        sparkHome = Files.createDirectories(tmp.resolve("spark/bin")).getParent();
        Path submit = sparkHome.resolve("bin/spark-submit");
        Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.writeString(tmp.resolve("seqtrain-cluster.jar"), "not a jar: spark-submit is fake");
    }

    static Processes.Result submit(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", PROJECT.resolve("submit-scripts/submit.sh").toString()));
        command.addAll(List.of(args));
        return Processes.run(command, env, List.of("SEQTRAIN_JAR", "SPARK_HOME"));
    }

    static List<String> argv(String env, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(env, "run", SPEC.toString(), "--set", "training.epochs=1"));
        args.addAll(List.of(extra));
        Processes.Result r = submit(Map.of("SPARK_HOME", sparkHome.toString(), "SEQTRAIN_JAR", jar.toString()),
                args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        return List.of(r.stdout().split("\n"));
    }

    static String after(List<String> argv, String option) {
        int i = argv.indexOf(option);
        assertTrue(i >= 0 && i + 1 < argv.size(), option + " missing in " + argv);
        return argv.get(i + 1);
    }

    static String conf(List<String> argv, String key) {
        return argv.stream().filter(a -> a.startsWith(key + "=")).reduce((a, b) -> b)
                .map(a -> a.substring(key.length() + 1)).orElseThrow(() -> new AssertionError(key + " missing in " + argv));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "standalone", "yarn", "k8s", "yarn-gpu", "k8s-gpu"})
    void everyEnvironmentGetsItsPropertiesTheSpecTheOpensAndTheJar(String env) throws Exception {
        List<String> argv = argv(env, "--", "--conf", "spark.executor.instances=2");
        assertEquals(PROJECT.resolve("conf/" + env + ".conf").toString(), after(argv, "--properties-file"));
        assertEquals("dev.seqtrain.cli.Main", after(argv, "--class"));
        List<String> files = List.of(after(argv, "--files").split(","));
        assertTrue(files.contains(SPEC.toString()), files.toString());
        assertTrue(files.contains(PROJECT.resolve("conf/log4j2.properties").toString()), files.toString());
        assertEquals(env.equals("yarn-gpu"), files.contains(PROJECT.resolve("conf/getGpusResources.sh").toString()), files.toString());
        for (String side : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            String opts = conf(argv, side);
            OPENS.forEach(o -> assertTrue(opts.contains(o), side + " lacks " + o + ": " + opts));
            assertTrue(opts.contains("-Dlog4j2.configurationFile="), opts);
            assertTrue(opts.contains("-Dorg.deeplearning4j.spark.time.TimeSource="
                    + "org.deeplearning4j.spark.time.SystemClockTimeSource"), "no NTP lookups for DL4J's statistics: " + opts);
        }
        // the conf file's own executor options (ND4J's off-heap limits) survive the command line's --conf
        assertTrue(conf(argv, "spark.executor.extraJavaOptions").contains("-Dorg.bytedeco.javacpp.maxbytes=")
                || env.equals("local"), argv.toString());

        // spark-submit options (the extra ones last), then the jar, then the CLI's arguments
        int jarAt = argv.indexOf(jar.toString());
        assertTrue(jarAt > argv.indexOf("spark.executor.instances=2"), argv.toString());
        boolean clusterMode = env.startsWith("yarn") || env.startsWith("k8s");
        String specArg = clusterMode ? "demo-sentiment.yaml" : SPEC.toString();
        assertEquals(List.of("run", specArg, "--set", "training.epochs=1"), argv.subList(jarAt + 1, argv.size()));
    }

    @Test
    void deployModeOnTheCommandLineDecidesHowTheSpecIsNamed() throws Exception {
        List<String> argv = argv("yarn", "--", "--deploy-mode", "client");
        assertEquals(SPEC.toString(), argv.get(argv.indexOf("run") + 1));
        assertTrue(conf(argv, "spark.driver.extraJavaOptions")
                .contains("-Dlog4j2.configurationFile=" + PROJECT.resolve("conf/log4j2.properties")));
    }

    @Test
    void gpuEnvironmentsDefaultToTheCudaJar() throws Exception {
        Processes.Result r = submit(Map.of("SPARK_HOME", sparkHome.toString()), "--dry-run", "k8s-gpu", "train", SPEC.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains(" " + PROJECT.resolve("target/seqtrain-cluster-cuda.jar") + " train demo-sentiment.yaml"), r.stdout());
    }

    @Test
    void dryRunPrintsOneRunnableLine() throws Exception {
        Processes.Result r = submit(Map.of("SPARK_HOME", sparkHome.toString()), "--dry-run", "yarn", "run", SPEC.toString(),
                "--set", "output.dir=/tmp/x y");
        assertEquals(0, r.exitCode(), r.stderr());
        String line = r.stdout().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith(sparkHome.resolve("bin/spark-submit") + " --properties-file "
                + PROJECT.resolve("conf/yarn.conf") + " "), line);
        assertTrue(line.contains(" --class dev.seqtrain.cli.Main "), line);
        assertTrue(line.contains("'spark.executor.extraJavaOptions=-XX:+IgnoreUnrecognizedVMOptions --add-opens="), line);
        assertTrue(line.endsWith(PROJECT.resolve("target/seqtrain-cluster.jar") + " run demo-sentiment.yaml --set 'output.dir=/tmp/x y'"), line);

        // the printed line is a shell command: run through bash it gives the same arguments as a real submit
        Processes.Result replayed = Processes.run(List.of("bash", "-c", line), Map.of(), List.of());
        assertEquals("output.dir=/tmp/x y", replayed.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void withoutSparkHomeOneLineAndExitTwo() throws Exception {
        Processes.Result r = submit(Map.of(), "yarn", "run", SPEC.toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.stdout());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("submit.sh: SPARK_HOME is not set"), r.stderr());
    }

    @Test
    void unknownEnvironmentMissingSpecAndMissingJarAreUsageErrors() throws Exception {
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString());
        Processes.Result r = submit(env, "mesos", "run", SPEC.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("unknown ENV 'mesos'"), r.stderr());
        r = submit(env, "yarn", "fit", SPEC.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("unknown SUBCOMMAND 'fit'"), r.stderr());
        r = submit(env, "yarn", "run", "no/such.yaml");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("no job spec no/such.yaml"), r.stderr());
        r = submit(Map.of("SPARK_HOME", sparkHome.toString(), "SEQTRAIN_JAR", tmp.resolve("absent.jar").toString()),
                "yarn", "run", SPEC.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("build it with 'mvn -DskipTests package'"), r.stderr());
        r = submit(env, "yarn");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("usage: submit.sh"), r.stderr());
    }
}
