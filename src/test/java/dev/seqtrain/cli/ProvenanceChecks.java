package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every provenance.json must say, whichever command wrote it. */
final class ProvenanceChecks {
    private ProvenanceChecks() {
    }

    static void common(JsonNode p, String command, String jobName) {
        assertEquals(command, p.path("command").asText(), p.toPrettyString());
        assertEquals("0.1.0-SNAPSHOT", p.path("seqtrain").path("version").asText());
        String commit = p.path("seqtrain").path("git_commit").asText();
        assertTrue(commit.matches("[0-9a-f]{40}") || commit.equals("unknown"), commit);
        JsonNode lib = p.path("libraries");
        assertTrue(lib.path("spark").asText().startsWith("3.5."), lib.toString());
        assertEquals("1.0.0-M2.1", lib.path("dl4j").asText(), lib.toString());
        assertEquals("1.0.0-M2.1", lib.path("nd4j").asText(), lib.toString());
        assertEquals("1.0.0-M2", lib.path("dl4j_spark").asText(), lib.toString());
        assertEquals(System.getProperty("java.version"), lib.path("java").asText());
        assertTrue(p.path("nd4j_backend").asText().contains("CpuBackend"), p.path("nd4j_backend").asText());
        assertEquals(System.getProperty("user.name"), p.path("user").asText());
        assertFalse(p.path("host").asText().isBlank());
        Instant started = Instant.parse(p.path("started").asText());
        assertFalse(Instant.parse(p.path("finished").asText()).isBefore(started));
        assertEquals(jobName, p.path("spec").path("name").asText(), "the resolved spec");
    }

    /** The entry of {@code inputs} whose path ends with {@code suffix}. */
    static JsonNode input(JsonNode p, String suffix) {
        for (JsonNode i : p.path("inputs")) {
            if (i.path("path").asText().endsWith(suffix)) return i;
        }
        throw new AssertionError("no input ending in " + suffix + " in " + p.path("inputs"));
    }
}
