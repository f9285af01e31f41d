package dev.seqtrain.prepare;

import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.job.SpecValues;
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
 * @param maxlen     the padded length of token input; {@code model.input.timesteps} of numeric input
 * @param vocabulary the tokenizer's vocabulary; null for numeric input (no tokenizer.json)
 * @param labels     classes (kind "label"), tags ("tag"), or none for a regression target ("target")
 * @param features   numbers per time step of numeric input; 0 for token input
 * @param target     sequence to sequence: the target vocabulary and decoder sequences; null otherwise (then
 *                   {@code maxlen} and {@code vocabulary} are the source's, and {@code labels} is empty, kind "pairs")
 */
public record PreparedData(String dir, OutputSpec.PreparedFormat format, int maxlen, long trainRows, long validationRows,
                           Vocabulary vocabulary, LabelIndex labels, int features, Target target) {

    /** The target side of pairs: {@code target_tokenizer.json} and the decoder's length. */
    public record Target(Vocabulary vocabulary, TargetSequences sequences) {
    }

    /** Not pairs. */
    public PreparedData(String dir, OutputSpec.PreparedFormat format, int maxlen, long trainRows, long validationRows,
                        Vocabulary vocabulary, LabelIndex labels, int features) {
        this(dir, format, maxlen, trainRows, validationRows, vocabulary, labels, features, null);
    }

    /** True for pairs of a sequence to sequence job. */
    public boolean pairs() {
        return target != null;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String MANIFEST = "prepared.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TARGET_TOKENIZER = "target_tokenizer.json";
    /** labels.json's kind for pairs: no classes. */
    public static final String PAIRS = "pairs";
    public static final String LABELS = "labels.json";
    public static final String STATS = "stats.json";

    /** True for numeric sequences (features {@code [T * F]} floats per row) instead of token ids. */
    public boolean numeric() {
        return features > 0;
    }

    public String trainPath() {
        return new Path(dir, "train").toString();
    }

    public String validationPath() {
        return new Path(dir, "validation").toString();
    }

    /** The prepared rows at {@code path} (train or validation), in their stored format. */
    public Dataset<Row> read(SparkSession spark, String path) {
        StructType schema = numeric() ? NumericRows.schema(NumericRows.TARGET.equals(labels.kind()))
                : pairs() ? PairIndexer.SCHEMA
                : "tag".equals(labels.kind()) ? TaggedSequenceIndexer.SCHEMA : SequenceIndexer.SCHEMA;
        return PreparedFormat.read(spark, path, format, schema);
    }

    String manifestJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", format.toString());
        n.put("maxlen", maxlen);
        n.put("train_rows", trainRows);
        n.put("validation_rows", validationRows);
        n.put("input", numeric() ? "numeric" : pairs() ? PAIRS : "tokens");
        if (pairs()) {
            n.put("target_maxlen", target.sequences().maxlen());
            n.put("target_vocabulary", target.sequences().vocabularySize());
        }
        if (numeric()) {
            n.put("timesteps", maxlen);
            n.put("features", features);
        } else {
            n.put("input_dim", vocabulary.inputDim());
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
            boolean numeric = "numeric".equals(m.path("input").asText("tokens"));
            Vocabulary v = numeric ? null : TokenizerJson.read(files.readString(new Path(root, TOKENIZER)));
            LabelIndex l = LabelIndex.fromJson(files.readString(new Path(root, LABELS)), dir + "/" + LABELS);
            String format = m.get("format").asText();
            OutputSpec.PreparedFormat stored = SpecValues.parse(OutputSpec.PreparedFormat.class, format).orElseThrow(
                    () -> SeqtrainException.input(dir + "/" + MANIFEST + ": unknown format '" + format + "'"));
            Target target = null;
            if (PAIRS.equals(m.path("input").asText())) {
                Vocabulary tv = TokenizerJson.read(files.readString(new Path(root, TARGET_TOKENIZER)));
                target = new Target(tv, new TargetSequences(m.get("target_vocabulary").asInt(),
                        m.get("target_maxlen").asInt()));
            }
            return new PreparedData(files.qualify(dir), stored, m.get("maxlen").asInt(),
                    m.get("train_rows").asLong(), m.get("validation_rows").asLong(), v, l,
                    numeric ? m.get("features").asInt() : 0, target);
        } catch (SeqtrainException e) {
            throw e;
        } catch (Exception e) {
            throw SeqtrainException.input(dir + "/" + MANIFEST + ": cannot read prepared data: " + e.getMessage(), e);
        }
    }
}
