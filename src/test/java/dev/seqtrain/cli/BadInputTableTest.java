package dev.seqtrain.cli;

import dev.seqtrain.testing.MiniHdfs;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders docs/bad-input.md from the real CLI: every case below runs in-process, and the table holds its command,
 * exit code and the exact line it prints. The test fails when the file differs from what the CLI does today;
 * {@code -Dseqtrain.writeDocs=true} rewrites it. Temporary folders, ports and the user become placeholders.
 * <p>
 * A new case is one line in {@link #CASES}: a name and the arguments, built from the {@link Fixtures}.
 */
class BadInputTableTest {
    static final java.nio.file.Path DOC = java.nio.file.Path.of("docs/bad-input.md");
    private static final String SPEC = "spark-jobs/demo-sentiment.yaml";

    record Case(String name, String user, Function<Fixtures, List<String>> args) {
        static Case of(String name, Function<Fixtures, List<String>> args) {
            return new Case(name, null, args);
        }

        /** Runs the command as another (non-super) user of HDFS. */
        Case as(String otherUser) {
            return new Case(name, otherUser, args);
        }
    }

    static List<String> cmd(String... args) {
        return List.of(args);
    }

    static final List<Case> CASES = List.of(
            Case.of("unknown spec key", f -> cmd("run", SPEC, "--set", "training.epoch=3")),
            Case.of("bad spec value", f -> cmd("run", SPEC, "--set", "model.layers[1].units=-3")),
            Case.of("io.timeout_seconds not positive", f -> cmd("run", SPEC, "--set", "io.timeout_seconds=0")),
            Case.of("missing input", f -> f.tsv("--set", "data.train=" + f.tmp("missing.tsv"))),
            Case.of("empty input file", f -> f.tsv("--set", "data.train=" + f.file("empty.tsv", ""))),
            Case.of("empty input folder", f -> f.tsv("--set", "data.train=" + f.folder("empty-folder"))),
            Case.of("output.dir under a file", f -> cmd("run", SPEC, "--set", "output.dir=" + f.file("a-file", "x") + "/model")),
            Case.of("output parent not writable", f -> cmd("run", SPEC, "--set", "output.dir=" + f.locked() + "/model")).as("alice"),
            Case.of("NameNode refuses connections", f -> cmd("run", SPEC, "--set", "output.dir=" + f.refused() + "/model")),
            Case.of("NameNode accepts and never answers", f -> cmd("run", SPEC, "--set", "io.timeout_seconds=2",
                    "--set", "output.dir=" + f.hung() + "/model")),
            Case.of("output exists (if_exists: fail)", f -> cmd("train", SPEC, "--set", "output.if_exists=fail",
                    "--set", "output.dir=" + f.folder("existing-model"))),
            Case.of("malformed rows over data.max_rejected_fraction", f -> f.tsv("--set", "data.train="
                    + f.file("broken.tsv", "text\tlabel\ngood\tpos\nbad\tneg\nfine\tpos\na row\twith\tthree fields\n"))),
            Case.of("output.dir holds a folder seqtrain did not write (if_exists: overwrite)", f -> cmd("run", SPEC,
                    "--set", "output.if_exists=overwrite", "--set", "output.dir=" + f.usersFolder("my-reports"))),
            Case.of("output.dir is a user's file (if_exists: overwrite)", f -> cmd("train", SPEC,
                    "--set", "output.if_exists=overwrite", "--set", "output.dir=" + f.file("notes.txt", "mine"))),
            Case.of("another job holds the output's lock", f -> {
                f.file("held-model.lock", "{\"user\": \"etl\", \"host\": \"airflow-worker-3\", \"pid\": 4242, "
                        + "\"started\": \"2026-12-03T10:00:00Z\", \"id\": \"run-1\"}");
                return cmd("run", SPEC, "--set", "output.dir=" + f.tmp("held-model"), "--set", "output.if_exists=overwrite");
            }),
            Case.of("duplicate key in the job spec", f -> cmd("run", f.file("duplicate.yaml",
                    "name: a\nname: b\ndata: {format: demo}\n"))),
            Case.of("YAML alias in the job spec", f -> cmd("run", f.file("alias.yaml",
                    "name: a\ndata: {format: demo}\ntraining: {epochs: &n 3, seed: *n}\n"))),
            Case.of("bad data.encoding_errors", f -> cmd("run", SPEC, "--set", "data.encoding_errors=ignore")),
            Case.of("rows that are not UTF-8", f -> f.tsv("--set", "data.train=" + f.bytes("latin1.tsv",
                    "text\tlabel\ngood\tpos\ncaf\u00e9 cr\u00e8me\tneg\n".getBytes(StandardCharsets.ISO_8859_1)))),
            Case.of("unterminated CSV quote", f -> cmd("prepare", SPEC, "--set", "data.format=csv",
                    "--set", "output.dir=" + f.tmp("model"), "--set", "data.train=" + f.file("open-quote.csv",
                            "text,label\ngood,pos\n\"bad,neg\nfine,pos\nnice,pos\n"))),
            Case.of("model directory without manifest.json", f -> cmd("evaluate", SPEC, "--set", "output.dir="
                    + f.modelDir("no-manifest", null))),
            Case.of("model.zip changed since the manifest", f -> cmd("evaluate", SPEC, "--set", "output.dir="
                    + f.modelDir("tampered", "{\"sha256\": {\"model.zip\": \"" + "0".repeat(64) + "\"}}"))),
            Case.of("disk quota exceeded writing the prepared data", f -> cmd("prepare", SPEC,
                    "--set", "data.demo.documents=200", "--set", "output.prepared_dir=" + f.fullQuota() + "/prepared",
                    "--set", "output.dir=" + f.tmp("model"))));

    /** What the cases run against, created on first use and shared by all cases. */
    static final class Fixtures implements AutoCloseable {
        private final java.nio.file.Path tmp;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private MiniHdfs hdfs;
        private FailFastTest.HungServer hung;
        private int refusedPort;

        Fixtures(java.nio.file.Path tmp) {
            this.tmp = tmp;
            placeholders.put(tmp.toString(), "<tmp>");
        }

        String tmp(String name) {
            return tmp.resolve(name).toString();
        }

        String file(String name, String content) {
            try {
                return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8).toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String bytes(String name, byte[] content) {
            try {
                return Files.write(tmp.resolve(name), content).toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** A folder that looks like a finished model directory (_SUCCESS, a model.zip) with {@code manifest} or none. */
        String modelDir(String name, String manifest) {
            String dir = folder(name);
            file(name + "/_SUCCESS", "");
            file(name + "/model.zip", "not a model");
            if (manifest != null) file(name + "/manifest.json", manifest);
            return dir;
        }

        /** A folder with a user's file in it: not seqtrain's, not empty. */
        String usersFolder(String name) {
            String dir = folder(name);
            file(name + "/q3.csv", "quarter,revenue\n");
            return dir;
        }

        String folder(String name) {
            try {
                return Files.createDirectories(tmp.resolve(name)).toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** A tsv job reading the given data.train. */
        List<String> tsv(String... more) {
            List<String> a = new ArrayList<>(List.of("prepare", SPEC, "--set", "data.format=tsv",
                    "--set", "output.dir=" + tmp("model")));
            a.addAll(List.of(more));
            return a;
        }

        MiniHdfs hdfs() {
            try {
                if (hdfs == null) {
                    hdfs = MiniHdfs.start(tmp.resolve(".hdfs"));
                    placeholders.put(hdfs.uri(), "hdfs://<namenode>");
                }
                return hdfs;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String locked() {
            try {
                return FailFastTest.lockedFolder(hdfs());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String fullQuota() {
            try {
                DistributedFileSystem fs = (DistributedFileSystem) hdfs().fileSystem();
                Path full = new Path(hdfs().uri() + "/full");
                fs.mkdirs(full);
                fs.setQuota(full, HdfsConstants.QUOTA_DONT_SET, 64 * 1024);
                return full.toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String refused() {
            if (refusedPort == 0) {
                try (ServerSocket s = new ServerSocket(0)) {
                    refusedPort = s.getLocalPort();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                placeholders.put("localhost:" + refusedPort, "localhost:<refused-port>");
            }
            return "hdfs://localhost:" + refusedPort;
        }

        String hung() {
            try {
                if (hung == null) {
                    hung = new FailFastTest.HungServer();
                    placeholders.put("localhost:" + hung.port(), "localhost:<hung-port>");
                }
                return "hdfs://localhost:" + hung.port();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String deterministic(String s) {
            for (Map.Entry<String, String> p : placeholders.entrySet()) s = s.replace(p.getKey(), p.getValue());
            return s.replace("inode=\"/locked\":" + System.getProperty("user.name") + ":", "inode=\"/locked\":<superuser>:");
        }

        @Override
        public void close() throws Exception {
            if (hung != null) hung.close();
            if (hdfs != null) hdfs.close();
        }
    }

    private static java.nio.file.Path tmp;
    private static Fixtures fixtures;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("bad-input");
        fixtures = new Fixtures(tmp);
    }

    @AfterAll
    static void stop() throws Exception {
        fixtures.close();
        org.apache.commons.io.FileUtils.deleteDirectory(tmp.toFile());
    }

    @Test
    void everyCaseIsOneLineAndTheTableIsCurrent() throws Exception {
        StringBuilder doc = new StringBuilder();
        doc.append("# Bad input: what seqtrain says\n\n")
                .append("Generated by `BadInputTableTest` from the real CLI; do not edit by hand. After a change of a ")
                .append("message or exit code, rewrite it with\n`mvn test -Dtest=BadInputTableTest -Dseqtrain.writeDocs=true`. ")
                .append("Exit codes: [operations](operations.md#exit-codes). `<tmp>`, `<namenode>` and the ports stand for what differs ")
                .append("between runs; every command also ends with a JSON status line on stdout carrying the same message.\n\n")
                .append("| case | command | exit | first line of stderr |\n|---|---|---|---|\n");
        List<String> problems = new ArrayList<>();
        for (Case c : CASES) {
            List<String> args = c.args().apply(fixtures);
            CliRunner.Result r = c.user() == null ? CliRunner.run(args.toArray(new String[0]))
                    : FailFastTest.asUser(c.user(), () -> CliRunner.run(args.toArray(new String[0])));
            String err = r.err().strip();
            String first = err.lines().findFirst().orElse("");
            if (r.exitCode() == 0) problems.add(c.name() + ": succeeded");
            if (err.lines().count() != 1 || !first.startsWith("seqtrain: error: ")) {
                problems.add(c.name() + ": not one error line:\n" + err);
            }
            String command = (c.user() == null ? "" : "(as " + c.user() + ") ") + "seqtrain " + String.join(" ", args.stream()
                    .map(a -> a.matches("[\\w./:=<>\\-]*") ? a : "'" + a + "'").toList());
            doc.append("| ").append(c.name()).append(" | `").append(fixtures.deterministic(command)).append("` | ")
                    .append(r.exitCode()).append(" | `").append(fixtures.deterministic(first).replace("|", "\\|"))
                    .append("` |\n");
        }
        if (!problems.isEmpty()) fail(String.join("\n", problems));
        dev.seqtrain.testing.GeneratedDoc.checkOrWrite(DOC, doc.toString(), "what the CLI does", "BadInputTableTest");
    }
}
