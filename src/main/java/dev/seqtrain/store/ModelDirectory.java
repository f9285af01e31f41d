package dev.seqtrain.store;

import dev.seqtrain.job.IfExists;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * The model directory of DESIGN.md on any Hadoop FileSystem: written whole into a temporary sibling and renamed into
 * place ({@link AtomicDirectory}). {@link #seal} writes {@code manifest.json} last, the sha256 of every file (signed
 * with {@code output.signing_key} when one is set); loading checks all of it before anything is parsed, and reads
 * model.zip without Java deserialization ({@link ModelZip}).
 */
public final class ModelDirectory {
    public static final String MODEL = "model.zip";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String LABELS = "labels.json";
    /** Sequence to sequence: the target tokenizer, as prepare wrote it. */
    public static final String TARGET_TOKENIZER = "target_tokenizer.json";
    public static final String JOB = "job.yaml";
    public static final String HISTORY = "history.json";
    public static final String METRICS = "metrics.json";
    public static final String SUMMARY = "summary.txt";
    public static final String MANIFEST = Manifest.FILE;
    public static final String CURVES = "curves.png";
    /** DL4J's Spark training statistics, with {@code training.collect_stats: true}. */
    public static final String SPARK_STATS = "spark-stats.html";

    private final HadoopFiles files;
    private final SigningKey key;

    public ModelDirectory(HadoopFiles files) {
        this(files, null);
    }

    /** @param key signs what is written and is required of what is loaded; null: unsigned, checksums only */
    public ModelDirectory(HadoopFiles files, SigningKey key) {
        this.files = files;
        this.key = key;
    }

    /** The key this directory signs with and requires; null when unsigned. */
    public SigningKey key() {
        return key;
    }

    /** Writes a complete model directory at {@code dir} (honouring {@code if_exists}) and returns its path. */
    public void write(String dir, IfExists ifExists, ModelArtifacts a) {
        AtomicDirectory out = AtomicDirectory.begin(files, dir, ifExists);
        try {
            writeInto(out.path(), a);
            seal(out.path());
            out.commit();
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** The files of a model directory, without manifest (see {@link #seal}) and {@code _SUCCESS}. */
    public void writeInto(Path dir, ModelArtifacts a) {
        files.writeBytes(new Path(dir, MODEL), serialize(a.network()));
        if (a.tokenizerJson() != null) files.writeString(new Path(dir, TOKENIZER), a.tokenizerJson());
        if (a.targetTokenizerJson() != null) {
            files.writeString(new Path(dir, TARGET_TOKENIZER), a.targetTokenizerJson());
        }
        files.writeString(new Path(dir, LABELS), a.labelsJson());
        files.writeString(new Path(dir, JOB), a.jobYaml());
        files.writeString(new Path(dir, HISTORY), a.historyJson());
        files.writeString(new Path(dir, METRICS), a.metricsJson());
        files.writeString(new Path(dir, SUMMARY), a.summary());
    }

    /** Writes manifest.json over every file now in {@code dir}: the last file before {@code _SUCCESS}. */
    public void seal(Path dir) {
        files.writeString(new Path(dir, MANIFEST), Manifest.of(files, dir).signedWith(key).toJson());
    }

    /**
     * Re-creates the manifests of a complete model directory the user vouches for (one of an older seqtrain) and of
     * its complete checkpoints; each model.zip must pass the checks of a load first. Returns the directories sealed.
     */
    public List<String> reseal(String dir) {
        requireComplete(dir);
        List<String> dirs = new ArrayList<>();
        dirs.add(dir);
        Checkpoints checkpoints = new Checkpoints(files, new Path(dir, Checkpoints.DIR));
        for (int epoch : checkpoints.epochs()) {
            String c = checkpoints.path(epoch).toString();
            if (AtomicDirectory.isComplete(files, c)) dirs.add(c);
        }
        for (String d : dirs) {
            Path model = new Path(d, MODEL);
            if (!files.exists(model)) throw SeqtrainException.input(d + ": no " + MODEL + ": not a model directory");
            ModelZip.inspect(Manifest.read(files, new Path(d), MODEL), model.toString());
        }
        dirs.forEach(d -> seal(new Path(d)));
        return dirs;
    }

    /**
     * Every file of a complete model directory, checked against its manifest (and signature, given a key).
     *
     * @throws dev.seqtrain.errors.SeqtrainException INPUT naming the file that fails
     */
    public ModelFiles open(String dir) {
        requireComplete(dir);
        return ModelFiles.verify(files, dir, key);
    }

    /** Loads the network with its optimizer state, after {@link #open}'s checks. */
    public MultiLayerNetwork loadNetwork(String dir) {
        return open(dir).network(true);
    }

    public String readString(String dir, String name) {
        return open(dir).string(name);
    }

    public void requireComplete(String dir) {
        if (!AtomicDirectory.isComplete(files, dir)) {
            throw SeqtrainException.input(dir + ": not a complete model directory (no " + AtomicDirectory.SUCCESS
                    + "); was training interrupted?");
        }
    }

    /** model.zip's bytes with optimizer state (checkpoints resume from it). */
    public static byte[] serialize(MultiLayerNetwork net) {
        return ModelZip.write(net, true);
    }
}
