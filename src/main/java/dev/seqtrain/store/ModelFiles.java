package dev.seqtrain.store;

import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The files of a model directory, read once and checked against its manifest (and its signature, given a key): what
 * is used afterwards is exactly what was checked, not a second read of files that may have changed since.
 */
public final class ModelFiles {
    private final String dir;
    private final Map<String, byte[]> contents;

    private ModelFiles(String dir, Map<String, byte[]> contents) {
        this.dir = dir;
        this.contents = contents;
    }

    /**
     * @param key null: any signature is ignored, the checksums are still checked
     * @throws SeqtrainException INPUT naming the file: no manifest, a file unlisted, missing or changed, a signature
     *                           missing (with a key) or wrong
     */
    static ModelFiles verify(HadoopFiles files, String dir, SigningKey key) {
        Path root = new Path(dir);
        Path manifestPath = new Path(root, Manifest.FILE);
        if (!files.exists(manifestPath)) {
            throw SeqtrainException.input(dir + ": no " + Manifest.FILE + ", so its files cannot be checked (a model"
                    + " directory of an older seqtrain, or not written by seqtrain); if you trust it, re-create the"
                    + " manifest with: seqtrain manifest --dir " + dir);
        }
        Manifest manifest = Manifest.parse(new String(Manifest.read(files, root, Manifest.FILE), StandardCharsets.UTF_8),
                manifestPath.toString());
        if (key != null && manifest.signature() == null) {
            throw SeqtrainException.input(manifestPath + ": not signed, and output.signing_key is set: refusing an"
                    + " unsigned model directory (to sign one you trust: seqtrain manifest --dir " + dir
                    + " --signing-key REF)");
        }
        if (key != null && !key.verifies(manifest.canonical(), manifest.signature())) {
            throw SeqtrainException.input(manifestPath + ": the signature does not match output.signing_key: the"
                    + " directory was changed after it was signed, or signed with another key");
        }
        SortedSet<String> present = Manifest.listFiles(files, root);
        for (String name : present) {
            if (!manifest.sha256().containsKey(name)) {
                throw SeqtrainException.input(new Path(root, name) + ": not listed in " + Manifest.FILE + ": a file added"
                        + " after training (remove it), or a directory of an older seqtrain (if you trust it: seqtrain"
                        + " manifest --dir " + dir + ")");
            }
        }
        Map<String, byte[]> contents = new TreeMap<>();
        for (Map.Entry<String, String> e : manifest.sha256().entrySet()) {
            Path p = new Path(root, e.getKey());
            if (!present.contains(e.getKey())) {
                throw SeqtrainException.input(p + ": listed in " + Manifest.FILE + " but missing");
            }
            byte[] bytes = Manifest.read(files, root, e.getKey());
            if (!Manifest.sha256(bytes).equals(e.getValue())) throw Manifest.corrupt(p, "sha256 differs");
            contents.put(e.getKey(), bytes);
        }
        return new ModelFiles(dir, contents);
    }

    /** The network of model.zip, read without Java deserialization ({@link ModelZip}). */
    public MultiLayerNetwork network(boolean withUpdater) {
        return ModelZip.read(bytes(ModelDirectory.MODEL), dir + "/" + ModelDirectory.MODEL, withUpdater);
    }

    public String string(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** A file a model directory may lack (tokenizer.json of a numeric model). */
    public Optional<String> optionalString(String name) {
        byte[] b = contents.get(name);
        return b == null ? Optional.empty() : Optional.of(new String(b, StandardCharsets.UTF_8));
    }

    private byte[] bytes(String name) {
        byte[] b = contents.get(name);
        if (b == null) throw SeqtrainException.input(dir + ": no " + name + " (not listed in " + Manifest.FILE + ")");
        return b;
    }
}
