package dev.seqtrain.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * {@code provenance.json}, written into every output directory (as Tribuo records provenance with its models): which
 * seqtrain (version, git commit) on which libraries and backend made it, from which inputs (paths with sizes and
 * modification times, the prepared data's hash, the model's hash), with which resolved job spec, when, by whom, where.
 * A record for people and audits; seqtrain never reads it back to decide anything.
 */
public final class Provenance {
    public static final String FILE = "provenance.json";
    /** The name in a predictions directory: Spark, Hive and the like read every file there not starting with _ or . */
    public static final String DATA_DIRECTORY_FILE = "_provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode inputs;

    private Provenance(String command, JobSpec spec) {
        root.put("command", command);
        ObjectNode seqtrain = root.putObject("seqtrain");
        seqtrain.put("version", BuildInfo.version());
        seqtrain.put("git_commit", BuildInfo.gitCommit());
        ObjectNode libraries = root.putObject("libraries");
        libraries.put("java", System.getProperty("java.version"));
        libraries.put("spark", BuildInfo.library("org.apache.spark", "spark-core_2.12"));
        libraries.put("scala", BuildInfo.library("org.scala-lang", "scala-library"));
        libraries.put("hadoop", BuildInfo.library("org.apache.hadoop", "hadoop-client-api"));
        libraries.put("dl4j", BuildInfo.library("org.deeplearning4j", "deeplearning4j-nn"));
        libraries.put("dl4j_spark", BuildInfo.library("org.deeplearning4j", "dl4j-spark_2.12"));
        libraries.put("nd4j", BuildInfo.library("org.nd4j", "nd4j-api"));
        root.put("nd4j_backend", backend());
        root.put("user", System.getProperty("user.name"));
        root.put("host", host());
        root.put("started", Instant.now().toString());
        inputs = root.putArray("inputs");
        root.set("spec", JobSpecLoader.toTree(spec));
    }

    /** Starts the record of one run of {@code command} ({@code prepare}, {@code train}, ...) with its resolved spec. */
    public static Provenance start(String command, JobSpec spec) {
        return new Provenance(command, spec);
    }

    /**
     * The input paths as given (globs expanded), each with its size in bytes, its number of files and its
     * modification time; a directory counts everything below it.
     */
    public Provenance inputs(HadoopFiles files, List<String> paths) {
        for (String given : paths) {
            Path p = new Path(given);
            FileSystem fs = files.fs(p);
            try {
                FileStatus[] matches = fs.globStatus(p);
                if (matches == null || matches.length == 0) {
                    inputs.addObject().put("path", given).put("exists", false);
                    continue;
                }
                for (FileStatus s : matches) {
                    ContentSummary c = fs.getContentSummary(s.getPath());
                    inputs.addObject().put("path", s.getPath().toString()).put("bytes", c.getLength())
                            .put("files", c.getFileCount())
                            .put("modified", Instant.ofEpochMilli(s.getModificationTime()).toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot describe input " + given, e);
            }
        }
        return this;
    }

    /** The corpus files a prepare run reads ({@code data.train}, {@code data.validation}); none for the demo corpus. */
    public Provenance corpus(HadoopFiles files, dev.seqtrain.job.DataSpec data) {
        if (data.isDemo()) {
            root.putObject("demo_corpus").put("documents", data.demo().documents()).put("seed", data.demo().seed());
            return this;
        }
        inputs(files, data.train());
        return inputs(files, data.validation());
    }

    /** Writes the record of a prepare run into {@code dir}, with the hash of the prepared data written there. */
    public void writePrepared(HadoopFiles files, Path dir) {
        root.put("prepared_data_sha256", preparedDataHash(files, dir));
        writeInto(files, dir);
    }

    /** The prepared data read, with its {@link #preparedDataHash}. */
    public Provenance preparedData(HadoopFiles files, String dir) {
        root.putObject("prepared_data").put("dir", files.qualify(dir))
                .put("sha256", preparedDataHash(files, new Path(dir)));
        return this;
    }

    /** The model directory used, with the sha256 of its {@code model.zip} as its manifest records it. */
    public Provenance model(HadoopFiles files, String dir) {
        root.putObject("model").put("dir", files.qualify(dir)).put("sha256", modelSha256(files, dir));
        return this;
    }

    /** Writes {@code provenance.json} into {@code dir} (the output's temporary directory), with the finish time. */
    public void writeInto(HadoopFiles files, Path dir) {
        write(files, new Path(dir, FILE));
    }

    /** As {@link #writeInto}, into a directory of data files that readers take whole ({@link #DATA_DIRECTORY_FILE}). */
    public void writeIntoDataDirectory(HadoopFiles files, Path dir) {
        write(files, new Path(dir, DATA_DIRECTORY_FILE));
    }

    private void write(HadoopFiles files, Path file) {
        ObjectNode out = root.deepCopy();
        out.put("finished", Instant.now().toString());
        files.writeString(file, out.toPrettyString() + "\n");
    }

    /**
     * A cheap fingerprint of a prepared data directory: sha256 over {@code prepared.json}'s bytes and the folder and
     * size of every other file (top-level files by name). Not a hash of every row: it tells prepared data apart, it
     * does not prove two are equal row for row. {@code provenance.json} itself (times) is left out.
     */
    public static String preparedDataHash(HadoopFiles files, Path dir) {
        MessageDigest d = sha256();
        d.update(files.readBytes(new Path(dir, "prepared.json")));
        FileSystem fs = files.fs(dir);
        // folder and size, not name: Spark names part files with a fresh UUID on every write
        List<String> parts = new java.util.ArrayList<>();
        for (String name : Manifest.listFiles(files, dir)) {
            if (name.equals(FILE) || name.endsWith(".crc")) continue;
            try {
                long size = fs.getFileStatus(new Path(dir, name)).getLen();
                int slash = name.lastIndexOf('/');
                parts.add((slash < 0 ? name : name.substring(0, slash + 1)) + " " + size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + new Path(dir, name), e);
            }
        }
        parts.stream().sorted().forEach(p -> d.update(("\n" + p).getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(d.digest());
    }

    /** The sha256 of the model directory's {@code model.zip}, as its {@code manifest.json} lists it. */
    public static String modelSha256(HadoopFiles files, String dir) {
        Path manifest = new Path(dir, Manifest.FILE);
        return Manifest.parse(files.readString(manifest), manifest.toString()).sha256().get(ModelDirectory.MODEL);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ND4J backends on the classpath, found without loading them (loading one starts its native libraries). */
    private static String backend() {
        try {
            String names = ServiceLoader.load(org.nd4j.linalg.factory.Nd4jBackend.class).stream()
                    .map(p -> p.type().getName()).sorted().collect(Collectors.joining(", "));
            return names.isEmpty() ? BuildInfo.UNKNOWN : names;
        } catch (RuntimeException | LinkageError e) {
            return BuildInfo.UNKNOWN;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return BuildInfo.UNKNOWN;
        }
    }

    /** For tests and tools: the record as it stands. */
    public JsonNode json() {
        return root;
    }
}
