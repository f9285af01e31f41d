package dev.seqtrain.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.IfExists;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvenanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HadoopFiles FILES = ModelDirs.FILES;
    private static final JobSpec SPEC = JobSpecLoader.parse("x.yaml",
            "name: prov\nmodel: {layers: [{dense: {units: 1}}]}\noutput: {dir: /tmp/x}\n", List.of());

    @Test
    void theModelDirectorysManifestGuardsProvenance(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path dir = tmp.resolve("model");
        AtomicDirectory out = AtomicDirectory.begin(FILES, dir.toString(), IfExists.FAIL, OutputKind.MODEL);
        ModelDirectory store = new ModelDirectory(FILES);
        store.writeInto(out.path(), ModelDirs.artifacts(ModelDirs.network()));
        Provenance.start("train", SPEC).writeInto(FILES, out.path());
        store.seal(out.path());
        out.commit();

        store.open(dir.toString()); // verifies every file against the manifest
        JsonNode p = JSON.readTree(dir.resolve(Provenance.FILE).toFile());
        assertEquals("prov", p.path("spec").path("name").asText());
        ModelDirs.replace(dir.resolve(Provenance.FILE), p.toString().replace("prov", "edited").getBytes());
        SeqtrainException e = assertThrows(SeqtrainException.class, () -> store.open(dir.toString()));
        assertTrue(e.getMessage().contains(Provenance.FILE), e.getMessage());
    }

    @Test
    void preparedDataHashIgnoresPartFileNamesAndProvenanceButNotSizesOrManifest(@TempDir java.nio.file.Path tmp)
            throws Exception {
        Files.createDirectories(tmp.resolve("train"));
        Files.writeString(tmp.resolve("prepared.json"), "{\"maxlen\": 4}");
        Files.writeString(tmp.resolve("train/part-00000-aaaa.parquet"), "12345");
        Path dir = new Path(tmp.toString());
        String h = Provenance.preparedDataHash(FILES, dir);
        assertTrue(h.matches("[0-9a-f]{64}"), h);

        Files.move(tmp.resolve("train/part-00000-aaaa.parquet"), tmp.resolve("train/part-00000-bbbb.parquet"));
        Files.writeString(tmp.resolve(Provenance.FILE), "{}");
        assertEquals(h, Provenance.preparedDataHash(FILES, dir), "a rewrite with a new UUID, a provenance record");

        Files.writeString(tmp.resolve("train/part-00000-bbbb.parquet"), "123456");
        String bigger = Provenance.preparedDataHash(FILES, dir);
        assertNotEquals(h, bigger);
        Files.writeString(tmp.resolve("prepared.json"), "{\"maxlen\": 5}");
        assertNotEquals(bigger, Provenance.preparedDataHash(FILES, dir));
    }

    @Test
    void inputsExpandGlobsWithSizesAndSayWhatIsMissing(@TempDir java.nio.file.Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.tsv"), "abc");
        Files.writeString(tmp.resolve("b.tsv"), "defgh");
        Files.createDirectories(tmp.resolve("tree/pos"));
        Files.writeString(tmp.resolve("tree/pos/1.txt"), "good");
        JsonNode inputs = Provenance.start("prepare", SPEC)
                .inputs(FILES, List.of(tmp + "/*.tsv", tmp + "/tree", tmp + "/none.tsv")).json().get("inputs");
        assertEquals(4, inputs.size(), inputs.toString());
        assertEquals(3, inputs.get(0).path("bytes").asLong());
        assertEquals(5, inputs.get(1).path("bytes").asLong());
        assertEquals(1, inputs.get(2).path("files").asLong());
        assertEquals(4, inputs.get(2).path("bytes").asLong());
        assertFalse(inputs.get(3).path("exists").asBoolean(true));
        assertEquals(java.time.Instant.ofEpochMilli(Files.getLastModifiedTime(tmp.resolve("a.tsv")).toMillis())
                .toString(), inputs.get(0).path("modified").asText());
    }

    @Test
    void buildInfoReadsVersionsFromTheClasspath() {
        assertEquals("0.1.0-SNAPSHOT", BuildInfo.version());
        String commit = BuildInfo.gitCommit();
        assertTrue(commit.matches("[0-9a-f]{40}") || commit.equals(BuildInfo.UNKNOWN), commit);
        assertTrue(BuildInfo.library("org.apache.spark", "spark-core_2.12").startsWith("3.5."));
        assertEquals(BuildInfo.UNKNOWN, BuildInfo.library("no.such", "artifact"));
    }
}
