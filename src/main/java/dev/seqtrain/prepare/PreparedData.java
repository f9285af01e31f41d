package dev.seqtrain.prepare;

import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.job.SpecValues;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.batch.PreparedColumns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TargetSequences;
import dev.seqtrain.text.TokenizerJson;
import dev.seqtrain.text.Vocabulary;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A prepared dataset on disk: {@code train/} and {@code validation/} (Parquet or JSON Lines), {@code tokenizer.json},
 * {@code labels.json}, {@code stats.json} and {@code prepared.json} (the few facts training needs: maxlen, format,
 * counts, the input kind).
 *
 * @param kind       the task kind the data was prepared for ({@code task_kind}; derived for older directories)
 * @param maxlen     the padded length of token input; {@code model.input.timesteps} of numeric input
 * @param vocabulary the tokenizer's vocabulary; null for numeric input (no tokenizer.json)
 * @param labels     classes (kind "label"), tags ("tag"), or none for a regression target ("target")
 * @param features   numbers per time step of numeric input; 0 for token input
 * @param target     sequence to sequence: the target vocabulary and decoder sequences; null otherwise (then
 *                   {@code maxlen} and {@code vocabulary} are the source's, and {@code labels} is empty, kind "pairs")
 */
public record PreparedData(TaskKind kind, String dir, OutputSpec.PreparedFormat format, int maxlen, long trainRows,
                           long validationRows, Vocabulary vocabulary, LabelIndex labels, int features, Target target) {

    /** The target side of pairs: {@code target_tokenizer.json} and the decoder's length. */
    public record Target(Vocabulary vocabulary, TargetSequences sequences) {
    }

    /** Not pairs. */
    public PreparedData(TaskKind kind, String dir, OutputSpec.PreparedFormat format, int maxlen, long trainRows,
                        long validationRows, Vocabulary vocabulary, LabelIndex labels, int features) {
        this(kind, dir, format, maxlen, trainRows, validationRows, vocabulary, labels, features, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String MANIFEST = "prepared.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TARGET_TOKENIZER = "target_tokenizer.json";
    /** labels.json's kind for pairs: no classes. */
    public static final String PAIRS = "pairs";
    public static final String LABELS = "labels.json";
    public static final String STATS = "stats.json";

    public String trainPath() {
        return new Path(dir, "train").toString();
    }

    public String validationPath() {
        return new Path(dir, "validation").toString();
    }

    /** The prepared rows at {@code path} (train or validation), in their stored format. */
    public Dataset<Row> read(SparkSession spark, String path) {
        StructType schema = PreparedColumns.schema(kind, labels.regressionTargets());
        return PreparedFormat.read(spark, path, format, schema);
    }

    String manifestJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put(TaskKind.FIELD, kind.toString());
        n.put("format", format.toString());
        n.put("maxlen", maxlen);
        n.put("train_rows", trainRows);
        n.put("validation_rows", validationRows);
        n.put("input", switch (kind) {
            case TEXT_CLASSIFICATION, TAGGING -> "tokens";
            case NUMERIC -> "numeric";
            case SEQ2SEQ -> PAIRS;
        });
        if (kind == TaskKind.SEQ2SEQ) {
            n.put("target_maxlen", target.sequences().maxlen());
            n.put("target_vocabulary", target.sequences().vocabularySize());
        }
        if (kind.tokenInput()) {
            n.put("input_dim", vocabulary.inputDim());
        } else {
            n.put("timesteps", maxlen);
            n.put("features", features);
        }
        n.put("num_classes", labels.size());
        return n.toPrettyString() + "\n";
    }

    public static PreparedData load(HadoopFiles files, String dir) {
        if (!AtomicDirectory.isComplete(files, dir)) {
            throw SeqtrainException.input(dir + ": no prepared data there (no _SUCCESS); run 'seqtrain prepare' first");
        }
        Path root = new Path(dir);
        try {
            JsonNode m = JSON.readTree(files.readString(new Path(root, MANIFEST)));
            LabelIndex l = LabelIndex.fromJson(files.readString(new Path(root, LABELS)), dir + "/" + LABELS);
            String input = m.path("input").asText("tokens");
            TaskKind kind = TaskKind.stored(m.hasNonNull(TaskKind.FIELD) ? m.get(TaskKind.FIELD).asText() : null,
                    dir + "/" + MANIFEST, () -> TaskKind.ofOlderPrepared(input, l.kind()));
            Vocabulary v = kind.tokenInput() ? TokenizerJson.read(files.readString(new Path(root, TOKENIZER))) : null;
            String format = m.get("format").asText();
            OutputSpec.PreparedFormat stored = SpecValues.parse(OutputSpec.PreparedFormat.class, format).orElseThrow(
                    () -> SeqtrainException.input(dir + "/" + MANIFEST + ": unknown format '" + format + "'"));
            Target target = null;
            if (kind == TaskKind.SEQ2SEQ) {
                Vocabulary tv = TokenizerJson.read(files.readString(new Path(root, TARGET_TOKENIZER)));
                target = new Target(tv, new TargetSequences(m.get("target_vocabulary").asInt(),
                        m.get("target_maxlen").asInt()));
            }
            return new PreparedData(kind, files.qualify(dir), stored, m.get("maxlen").asInt(),
                    m.get("train_rows").asLong(), m.get("validation_rows").asLong(), v, l,
                    kind.tokenInput() ? 0 : m.get("features").asInt(), target);
        } catch (SeqtrainException e) {
            throw e;
        } catch (Exception e) {
            throw SeqtrainException.input(dir + "/" + MANIFEST + ": cannot read prepared data: " + e.getMessage(), e);
        }
    }
}
