package dev.seqtrain.bench;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

import java.util.HashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * The baseline: how a Spark user prepares a labelled TSV corpus for a sequence model with Spark ML today. CSV reader
 * (tab, quoting off, explicit schema) → 80/20 {@code randomSplit} → a fitted {@code Pipeline} of
 * {@code RegexTokenizer} (Keras' default filters as the gap pattern, lower-case), {@code CountVectorizer(vocabSize)}
 * and {@code StringIndexer} on the label → a UDF that maps tokens to {@code vocabulary index + 2} (1 = OOV, 0 = pad)
 * and pads/truncates at the front to {@code maxlen} → Parquet {@code train/} and {@code validation/}. Nothing is
 * cached, so the input is read by each fit pass and again by the transform: what the plain pipeline does.
 */
public final class SparkMlPreparePipeline {
    /** Keras' default {@code filters} plus the space, as a regex character class (one or more = one gap). */
    static final String KERAS_GAPS = "[ !\"#$%&()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~\\t\\n]+";

    private final SparkSession spark;

    public SparkMlPreparePipeline(SparkSession spark) {
        this.spark = spark;
    }

    /** @return documents written (train + validation) */
    public long run(String inputGlob, String outDir, int vocabSize, int maxlen, long seed) {
        StructType schema = new StructType().add("label", DataTypes.StringType).add("text", DataTypes.StringType);
        Dataset<Row> corpus = spark.read().option("sep", "\t").option("quote", "").option("header", "false")
                .option("mode", "DROPMALFORMED").schema(schema).csv(inputGlob)
                .filter(col("text").isNotNull().and(col("label").isNotNull()));
        Dataset<Row>[] split = corpus.randomSplit(new double[]{0.8, 0.2}, seed);

        RegexTokenizer tokenizer = new RegexTokenizer().setInputCol("text").setOutputCol("tokens")
                .setPattern(KERAS_GAPS).setGaps(true).setToLowercase(true);
        CountVectorizer counts = new CountVectorizer().setInputCol("tokens").setOutputCol("bag").setVocabSize(vocabSize);
        StringIndexer labels = new StringIndexer().setInputCol("label").setOutputCol("label_index");
        PipelineModel model = new Pipeline().setStages(new PipelineStage[]{tokenizer, counts, labels}).fit(split[0]);

        String[] vocabulary = ((CountVectorizerModel) model.stages()[1]).vocabulary();
        Map<String, Integer> index = new HashMap<>(vocabulary.length * 2);
        for (int i = 0; i < vocabulary.length; i++) index.put(vocabulary[i], i + 2);
        Broadcast<Map<String, Integer>> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(index);
        UserDefinedFunction indexAndPad = udf((UDF1<Seq<String>, int[]>) tokens -> padPre(tokens, broadcast.value(), maxlen),
                DataTypes.createArrayType(DataTypes.IntegerType, false));

        long written = 0;
        String[] names = {"train", "validation"};
        for (int s = 0; s < 2; s++) {
            Dataset<Row> out = model.transform(split[s])
                    .select(col("label_index").cast(DataTypes.IntegerType).as("label"),
                            indexAndPad.apply(col("tokens")).as("ids"));
            out.write().mode(SaveMode.Overwrite).parquet(outDir + "/" + names[s]);
            written += spark.read().parquet(outDir + "/" + names[s]).count();
        }
        return written;
    }

    /** Keras {@code pad_sequences(padding='pre', truncating='pre')} of the token ids, OOV id 1. */
    static int[] padPre(Seq<String> tokens, Map<String, Integer> index, int maxlen) {
        int n = tokens.length();
        int[] out = new int[maxlen];
        int from = Math.max(0, n - maxlen);
        int at = maxlen - (n - from);
        scala.collection.Iterator<String> it = tokens.iterator();
        for (int i = 0; it.hasNext(); i++) {
            String t = it.next();
            if (i >= from) out[at++] = index.getOrDefault(t, 1);
        }
        return out;
    }
}
