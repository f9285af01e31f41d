package dev.seqtrain.infer;

import dev.seqtrain.job.IfExists;
import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.corpus.Corpus;
import dev.seqtrain.corpus.CorpusReaders;
import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.spark.SparkJob;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.prepare.DemoCorpusSource;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.batch.BatchBuilder;
import dev.seqtrain.batch.NumericBatchBuilder;
import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.batch.TaggedBatchBuilder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Scores raw text with a saved model directory, on executors: the input (data.format, labels optional) is tokenized
 * and padded with the model's own tokenizer and settings (numeric sequences are checked against the model's
 * {@code model.input}), the network goes out once as a broadcast and is restored once per task slot
 * ({@link BroadcastModel}), and each partition is scored in batches ({@link PartitionScorer}, or
 * {@link PartitionTagger} for a tagger). The output directory (Parquet or CSV: id, predicted_label, class
 * probabilities; id, prediction for a regression; a tagger's: id, tokens, tags, probability per token) appears
 * atomically.
 */
public final class PredictJob extends SparkJob {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    public PredictJob(SparkSession spark, HadoopFiles files) {
        super("predict", spark, files);
    }

    /**
     * {@code skipped}: the output was complete and output.if_exists is skip; nothing was scored. For a tagger,
     * {@code tokens} counts the input tokens and {@code untaggedTokens} those beyond text.maxlen (tag null); both 0
     * for a classifier.
     */
    public record Outcome(String output, long predicted, long rejected, boolean skipped, long tokens,
                          long untaggedTokens) {
    }

    /**
     * @param input  the paths to score in data.format (empty for the demo corpus)
     * @param output the predictions directory, written atomically under output.if_exists
     */
    public Outcome run(JobSpec spec, List<String> input, String output, PredictionFormat format) {
        return run(spec, input, output, format, Decoding.GREEDY);
    }

    /** How an encoder-decoder decodes: {@code --beam-width} (1: greedy) and {@code --length-penalty}. */
    public record Decoding(int beamWidth, double lengthPenalty) implements java.io.Serializable {
        public static final Decoding GREEDY = new Decoding(1, 1.0);

        /** The search: greedy ignores the length penalty (one hypothesis, nothing to rank). */
        public dev.seqtrain.model.seq2seq.BeamSearch search(int maxLength) {
            return new dev.seqtrain.model.seq2seq.BeamSearch(beamWidth, maxLength, beamWidth == 1 ? 0.0 : lengthPenalty);
        }
    }

    public Outcome run(JobSpec spec, List<String> input, String output, PredictionFormat format, Decoding decoding) {
        long t0 = System.nanoTime();
        String modelDir = spec.output().dir();
        if (files.qualify(output).equals(files.qualify(modelDir))) {
            throw new SpecException("--output " + output + " is the model directory (output.dir): write predictions elsewhere");
        }
        LoadedModel model = LoadedModel.load(files, spec.output());
        Provenance provenance = Provenance.start(stage, spec).model(files, modelDir).inputs(files, input);
        IfExists ifExists = spec.output().ifExists();
        if (completeAndSkipped(output, ifExists, OutputKind.PREDICTIONS, "nothing to do")) {
            return new Outcome(output, 0, 0, true, 0, 0);
        }
        TextSpec text = model.trainedWith().text();
        LabelIndex labels = model.labels();
        ModelPlan plan = model.plan();
        if (model.kind() == TaskKind.SEQ2SEQ) {
            return decode(spec, model, input, output, format, decoding, provenance, t0);
        }
        boolean numeric = model.kind() == TaskKind.NUMERIC;
        boolean tagger = plan.task() == Task.TAGGING;
        boolean regression = plan.task() == Task.REGRESSION && numeric;
        if (plan.task() != Task.BINARY && plan.task() != Task.MULTICLASS && !regression && !tagger) {
            throw new SeqtrainException(ExitCode.NOT_BUILT, modelDir + ": predict scores document classifiers (a sigmoid"
                    + " or softmax head), taggers and numeric regressions; this model's task is "
                    + plan.task().name().toLowerCase(Locale.ROOT));
        }
        // labels are not needed, nor checked, in predict input
        NumericShape shape = numeric ? model.numericShape().withNumericLabel(false) : null;

        Input in = read(spec.data(), input, tagger, shape);
        try {
            long good = in.rows.count();
            long bad = handleRejected(in.rejected, good, spec.data(), output);
            JavaSparkContext jsc = jsc();
            Broadcast<TextEncoder> encoder = numeric ? null : jsc.broadcast(TextEncoder.of(model.vocabulary()));
            BroadcastModel network = BroadcastModel.of(jsc, model.network());
            int batch = spec.evaluation().batchSize();
            Dataset<Row> predictions;
            long tokens = 0;
            long untagged = 0;
            if (tagger) {
                Dataset<Row> sentences = TaggedPredictions.sentences(in.rows, in.conll);
                TaggedPredictions.TokenTotals totals = TaggedPredictions.tokenTotals(sentences, text.maxlen());
                tokens = totals.tokens();
                untagged = totals.untagged();
                PartitionTagger tagging = new PartitionTagger(network, encoder,
                        new TaggedBatchBuilder(batch, labels.size(), plan.masked()), labels.labels(),
                        text.maxlen(), text.padding(), text.truncating(), batch);
                predictions = spark.createDataFrame(sentences.javaRDD().mapPartitions(tagging::tag),
                        PartitionTagger.SCHEMA);
            } else {
                PredictionRows rows = regression ? PredictionRows.targets()
                        : PredictionRows.classes(labels.labels(), plan.task() == Task.BINARY);
                RowBatcher builder = numeric
                        ? new NumericBatchBuilder(batch, shape.timesteps(), shape.features(), plan.task(),
                                labels.size())
                        : new BatchBuilder(batch, labels.size(), plan.task() == Task.BINARY, plan.masked(),
                                text.padding() == SequenceEnd.PRE);
                // a masked token model's batches are cut to their longest member: sorting by length makes that cut count
                PartitionScorer scorer = new PartitionScorer(network, builder, rows, batch,
                        plan.masked() && !numeric);
                // the input at 0 and a placeholder label at 1, as the batch builders read them; the row id rides at 2
                Dataset<Row> prepared = numeric ? in.rows : model.indexer(encoder, null).index(spark, in.rows);
                JavaRDD<Row> scored = prepared.select(col(builder.inputColumn()), lit(0), col(PreparedColumns.ID))
                        .javaRDD().mapPartitions(scorer::score);
                predictions = spark.createDataFrame(scored, rows.schema());
            }
            try {
                write(predictions, regression ? null : labels, output, ifExists, format, tagger, provenance);
            } finally {
                network.destroy();
                if (encoder != null) encoder.destroy();
            }
            LOG.info(String.format(Locale.ROOT, "predict: %,d rows scored with %s (%,d rejected); wrote %s (%s) in %.1f s",
                    good, modelDir, bad, output, format.id(), (System.nanoTime() - t0) / 1e9));
            if (untagged > 0) {
                LOG.warn(String.format(Locale.ROOT, "predict: %,d of %,d tokens lie beyond text.maxlen=%d (truncating: "
                        + "%s) and were not tagged: their tag is null", untagged, tokens, text.maxlen(),
                        text.truncating()));
            }
            return new Outcome(output, good, bad, false, tokens, untagged);
        } finally {
            in.unpersist();
        }
    }

    /** An encoder-decoder's predictions: id, source, prediction, score (see {@link PartitionDecoder}). */
    private Outcome decode(JobSpec spec, LoadedModel model, List<String> input, String output,
                           PredictionFormat format, Decoding decoding, Provenance provenance, long t0) {
        Input in = spec.data().isDemo() ? new Input(DemoCorpusSource.heldOutPairs(spark, spec.data().demo()), null, false)
                : read(spec.data().pairColumns(), input, false, null);
        try {
            long good = in.rows.count();
            long bad = handleRejected(in.rejected, good, spec.data(), output);
            JavaSparkContext jsc = jsc();
            Broadcast<TextEncoder> encoder = jsc.broadcast(TextEncoder.of(model.vocabulary()));
            BroadcastModel network = BroadcastModel.of(jsc, model.network());
            TextSpec sourceText = model.trainedWith().text().resolvedSource();
            PartitionDecoder decoder = new PartitionDecoder(network, encoder, sourceText, sourceText.maxlen(),
                    model.targetSequences(), model.targetVocabulary(), decoding);
            Dataset<Row> predictions = spark.createDataFrame(in.rows.select(col(PreparedColumns.ID), col("text"))
                    .javaRDD().mapPartitions(decoder::decode), PartitionDecoder.SCHEMA);
            try {
                write(predictions, null, output, spec.output().ifExists(), format, false, provenance);
            } finally {
                network.destroy();
                encoder.destroy();
            }
            LOG.info(String.format(Locale.ROOT, "predict: %,d sources decoded with %s (%s; %,d rejected); wrote %s "
                            + "in %.1f s", good, spec.output().dir(), decoding.beamWidth() == 1 ? "greedy"
                            : "beam " + decoding.beamWidth(), bad, output, (System.nanoTime() - t0) / 1e9));
            return new Outcome(output, good, bad, false, 0, 0);
        } finally {
            in.unpersist();
        }
    }

    /**
     * Rows {@code id, ord, text, label} (label may be null), or {@code id, ord, tokens, tags} for CoNLL
     * ({@code conll}), and the rows that could not be read (none for demo).
     */
    private record Input(Dataset<Row> rows, Dataset<Row> rejected, boolean conll) {
        void unpersist() {
            rows.unpersist();
            if (rejected != null) rejected.unpersist();
        }
    }

    /** A tagger reads any format (CoNLL: its token column); a classifier reads whole documents only. {@code numeric}:
     *  null for text. */
    private Input read(DataSpec data, List<String> paths, boolean tagger, NumericShape numeric) {
        if (data.isDemo()) return new Input(DemoCorpusSource.read(spark, data.demo(), numeric), null, false);
        Corpus c = CorpusReaders.read(spark, data, paths, false, numeric);
        if (c.tagging() && !tagger) {
            c.unpersist();
            throw new SpecException("data.format: " + data.format() + " holds token sequences; predict scores whole"
                    + " documents (text-tree, tsv, csv, jsonl, parquet) with a document classifier");
        }
        return new Input(c.rows(), c.rejected(), c.tagging());
    }

    /**
     * Spark writes the part files into the temporary sibling; the commit renames it into place. {@code labels}: null
     * for a regression's (id, prediction), which CSV takes as they are.
     */
    private void write(Dataset<Row> predictions, LabelIndex labels, String output, IfExists ifExists,
                       PredictionFormat format, boolean tagger, Provenance provenance) {
        AtomicDirectory out = AtomicDirectory.begin(files, output, ifExists, OutputKind.PREDICTIONS);
        try {
            if (format == PredictionFormat.CSV) {
                Dataset<Row> flat = tagger ? TaggedPredictions.perToken(predictions)
                        : labels == null ? predictions : wide(predictions, labels);
                flat.write().option("header", "true").csv(out.path().toString());
            } else {
                predictions.write().parquet(out.path().toString());
            }
            files.writeString(out.file(OutputKind.PREDICTIONS_MARKER), "");
            provenance.writeIntoDataDirectory(files, out.path());
            out.commit();
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** CSV has no arrays: one column {@code p_<label>} per class, in labels.json order. */
    private static Dataset<Row> wide(Dataset<Row> predictions, LabelIndex labels) {
        List<Column> cols = new ArrayList<>(List.of(col("id"), col("predicted_label")));
        for (int i = 0; i < labels.size(); i++) {
            cols.add(col("probability").getItem(i).as("p_" + labels.label(i)));
        }
        return predictions.select(cols.toArray(new Column[0]));
    }

}
