package dev.seqtrain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A docs/ page that a test generates from the code: {@code -Dseqtrain.writeDocs=true} rewrites it, otherwise the test
 * fails when the page on disk differs, naming the lines that differ.
 */
public final class GeneratedDoc {
    private GeneratedDoc() {
    }

    /** Writes {@code generated} under -Dseqtrain.writeDocs=true, else fails unless {@code doc} holds exactly it. */
    public static void checkOrWrite(Path doc, String generated, String source, String testName) throws IOException {
        if (Boolean.getBoolean("seqtrain.writeDocs")) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
            return;
        }
        String current = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        if (!current.equals(generated)) {
            fail(doc + " differs from " + source + " (rewrite it with mvn test -Dtest=" + testName
                    + " -Dseqtrain.writeDocs=true):\n" + diff(current, generated));
        }
    }

    /** The lines only in the file (-) and only in the generated page (+). */
    public static String diff(String current, String generated) {
        List<String> was = current.lines().toList();
        List<String> now = generated.lines().toList();
        StringBuilder d = new StringBuilder();
        was.stream().filter(l -> !now.contains(l)).forEach(l -> d.append("- ").append(l).append('\n'));
        now.stream().filter(l -> !was.contains(l)).forEach(l -> d.append("+ ").append(l).append('\n'));
        return d.toString();
    }
}
