package dev.seqtrain.job;

import dev.seqtrain.testing.GeneratedDoc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/job-spec.md is what the spec records say: every key, type and default. {@code -Dseqtrain.writeDocs=true}
 * rewrites the page; otherwise a page that differs from the records fails with the differing lines.
 */
class JobSpecReferenceTest {

    static final Path DOC = Path.of("docs", "job-spec.md");

    @Test
    void thePageListsEveryKeyOfTheSpecRecords() throws Exception {
        JobSpecReference reference = new JobSpecReference();
        String generated = reference.markdown();
        List<String> problems = new ArrayList<>();
        reference.missingDescriptions().forEach(k -> problems.add("no description for " + k + " in " + JobSpecReference.DESCRIPTIONS));
        reference.unknownDescriptions().forEach(k -> problems.add("a description for " + k + ", which no spec record has"));
        if (!problems.isEmpty()) fail(String.join("\n", problems));
        GeneratedDoc.checkOrWrite(DOC, generated, "the spec records", "JobSpecReferenceTest");
    }

    @Test
    void everyLayerTypeTheDeserializerKnowsIsOnThePage() throws Exception {
        List<String> documented = JobSpecReference.layerTypes().values().stream().flatMap(List::stream).toList();
        assertEquals(LayerSpecDeserializer.TYPES, documented);
        // every layer record the sealed interface permits is reachable from some YAML key
        assertEquals(LayerSpec.class.getPermittedSubclasses().length, JobSpecReference.layerTypes().size());
    }

    @Test
    void defaultsAreTheConstructorsOwn() throws Exception {
        String page = new JobSpecReference().markdown();
        // spot checks against the records, so a broken default reader cannot pass
        assertTrue(page.contains("| `training.epochs` | integer | `" + new TrainingSpec(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null).epochs() + "` |"), page);
        assertTrue(page.contains("| `data.encoding_errors` | strict \\| replace | `strict` |"), page);
        assertTrue(page.contains("| `data.train` | string or list of strings | `[]` |"), page);
    }
}
