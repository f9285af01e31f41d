package dev.seqtrain.ops;

import dev.seqtrain.job.IfExists;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.cli.CliRunner;
import dev.seqtrain.cli.Main;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * submit-scripts/airflow/seqtrain_dag.py: it compiles, and every argument list its tasks hand to spark-submit is one
 * the CLI accepts. The DAG is loaded with airflow stubbed out (src/test/resources/dev/seqtrain/ops/render_dag.py),
 * {{ ds }} and {{ params.x }} rendered, and the arguments parsed by the real CLI and the job spec loader.
 */
class AirflowDagTest {
    static final Path PROJECT = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    static final Path DAG = PROJECT.resolve("submit-scripts/airflow/seqtrain_dag.py");
    static final Path DAG_SPEC = PROJECT.resolve("submit-scripts/airflow/reviews-daily.yaml");
    static final String DS = "2024-03-05";

    static boolean python;

    @BeforeAll
    static void findPython() {
        python = Processes.available("python3");
    }

    static void requirePython() {
        assumeTrue(python, "python3 not found on PATH: the Airflow DAG was not checked (install python3 to run this test)");
    }

    @Test
    void dagFileCompiles(@TempDir Path tmp) throws Exception {
        requirePython();
        Processes.Result r = Processes.run(List.of("python3", "-c",
                "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                DAG.toString(), tmp.resolve("dag.pyc").toString()), Map.of(), List.of());
        assertEquals(0, r.exitCode(), r.stderr());
    }

    static JsonNode renderedDag() throws Exception {
        Path script = Paths.get(AirflowDagTest.class.getResource("render_dag.py").toURI());
        Processes.Result r = Processes.run(List.of("python3", script.toString(), DAG.toString(), DS),
                Map.of("SEQTRAIN_HOME", PROJECT.toString()), List.of("SEQTRAIN_ENV"));
        assertEquals(0, r.exitCode(), r.stderr());
        return new ObjectMapper().readTree(r.stdout());
    }

    @Test
    void prepareThenTrainThenEvaluateWithTheClusterJar() throws Exception {
        requirePython();
        JsonNode tasks = renderedDag().get("tasks");
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.get("task_id").asText()));
        assertEquals(List.of("prepare", "train", "evaluate"), ids);
        assertEquals("train", tasks.get(0).get("downstream").get(0).asText());
        assertEquals("evaluate", tasks.get(1).get("downstream").get(0).asText());
        for (JsonNode t : tasks) {
            assertEquals("dev.seqtrain.cli.Main", t.get("java_class").asText());
            assertEquals(PROJECT.resolve("target/seqtrain-cluster.jar").toString(), t.get("application").asText());
            assertTrue(Files.isRegularFile(Paths.get(t.get("properties_file").asText())), t.get("properties_file").asText());
            List<String> files = List.of(t.get("files").asText().split(","));
            assertTrue(files.contains(DAG_SPEC.toString()) && files.contains(PROJECT.resolve("conf/log4j2.properties").toString()), files.toString());
            String opts = t.get("conf").get("spark.executor.extraJavaOptions").asText();
            assertTrue(opts.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED") && opts.contains("javacpp.maxbytes"), opts);
            for (String side : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
                assertTrue(t.get("conf").get(side).asText().contains("-Dorg.deeplearning4j.spark.time.TimeSource="
                        + "org.deeplearning4j.spark.time.SystemClockTimeSource"), side + ": " + t.get("conf").get(side));
            }
        }
    }

    @Test
    void everyTasksArgumentsAreAcceptedByTheCli() throws Exception {
        requirePython();
        for (JsonNode t : renderedDag().get("tasks")) {
            List<String> args = new ArrayList<>();
            t.get("application_args").forEach(a -> args.add(a.asText()));
            String task = t.get("task_id").asText();
            assertEquals(task, args.get(0));
            // the spec travels with files= and is named by its base name in cluster deploy mode
            assertEquals(DAG_SPEC.getFileName().toString(), args.get(1), task);
            args.set(1, DAG_SPEC.toString());

            // picocli: the subcommand and all its options exist
            new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));

            // the spec with the overrides: valid, dated, and retry-safe
            List<String> overrides = new ArrayList<>();
            for (int i = 2; i < args.size(); i++) {
                if (args.get(i).equals("--set")) overrides.add(args.get(++i));
            }
            JobSpec spec = JobSpecLoader.load(DAG_SPEC, overrides);
            assertEquals("hdfs:///models/reviews/" + DS, spec.output().dir(), task);
            assertEquals("hdfs:///models/reviews/" + DS + ".prepared", spec.output().resolvedPreparedDir(), task);
            assertEquals(List.of("hdfs:///corpora/reviews/" + DS + "/train.tsv"), spec.data().train(), task);
            assertEquals(IfExists.SKIP, spec.output().ifExists(), task);
            assertEquals(4, (int) spec.training().epochs(), task);

            // and the CLI's own checks before Spark (model against the task) pass: summary with the same overrides
            List<String> summary = new ArrayList<>(List.of("summary", DAG_SPEC.toString()));
            overrides.forEach(o -> summary.addAll(List.of("--set", o)));
            CliRunner.Result r = CliRunner.run(summary);
            assertEquals(0, r.exitCode(), task + ": " + r.err());
        }
    }
}
