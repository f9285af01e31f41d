package dev.seqtrain.store;

import dev.seqtrain.job.IfExists;
import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-epoch training checkpoints under one folder: {@code epoch-NNNN/}, each a model directory of its own (model.zip
 * with updater state, history.json so far, ...) plus {@code checkpoint.json}, written to a temporary name and renamed
 * into place with {@code _SUCCESS} ({@link AtomicDirectory}), so a job killed while writing one leaves the previous
 * ones intact and no half checkpoint that looks complete.
 */
public final class Checkpoints {
    public static final String DIR = "checkpoints";
    public static final String STATE = "checkpoint.json";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");

    private final HadoopFiles files;
    private final ModelDirectory writer;
    private final Path root;

    public Checkpoints(HadoopFiles files, Path root) {
        this(files, root, null);
    }

    /** @param key signs each checkpoint's manifest (output.signing_key); null: unsigned */
    public Checkpoints(HadoopFiles files, Path root, SigningKey key) {
        this.files = files;
        this.writer = new ModelDirectory(files, key);
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public static String name(int epoch) {
        return String.format(Locale.ROOT, "epoch-%04d", epoch);
    }

    public Path path(int epoch) {
        return new Path(root, name(epoch));
    }

    /** Writes epoch {@code epoch}'s checkpoint whole, replacing one of the same epoch; returns its path. */
    public Path write(int epoch, ModelArtifacts artifacts, String stateJson) {
        AtomicDirectory out = AtomicDirectory.begin(files, path(epoch).toString(), IfExists.OVERWRITE);
        try {
            writer.writeInto(out.path(), artifacts);
            files.writeString(out.file(STATE), stateJson);
            writer.seal(out.path());
            out.commit();
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
        return path(epoch);
    }

    /** The newest complete checkpoint's epoch; leftovers of an interrupted write (no {@code _SUCCESS}) are ignored. */
    public OptionalInt latest() {
        int best = 0;
        for (int epoch : epochs()) {
            if (epoch > best && AtomicDirectory.isComplete(files, path(epoch).toString())) best = epoch;
        }
        return best == 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Epoch numbers of the folders named {@code epoch-NNNN}, complete or not. */
    public List<Integer> epochs() {
        return files.listNames(root).stream()
                .map(NAME::matcher)
                .filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1)))
                .sorted()
                .toList();
    }
}
