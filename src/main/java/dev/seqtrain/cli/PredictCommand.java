package dev.seqtrain.cli;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.infer.PredictJob;
import dev.seqtrain.infer.PredictionFormat;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.Preflight;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score raw text with the model directory output.dir, on Spark, with the model's own tokenizer "
                + "and settings. Writes id, predicted_label and the class probabilities to --output; a tagger (CoNLL "
                + "model) writes each sentence's tokens, tags and per-token probability.")
public final class PredictCommand extends SparkJobCommand {
    @Option(names = "--input", paramLabel = "PATH", split = ",",
            description = "Raw text in data.format (a path, glob or directory; comma-separated for several); "
                    + "labels are not needed. Leave it out for data.format demo.")
    List<String> input = List.of();

    @Option(names = "--output", paramLabel = "PATH", required = true,
            description = "The predictions directory (any Hadoop path), written atomically under output.if_exists.")
    String output;

    @Option(names = "--format", paramLabel = "parquet|csv", converter = FormatConverter.class,
            description = "parquet (default): id, predicted_label, probability (array in labels.json order); "
                    + "csv: id, predicted_label, p_<label> per class. A tagger: parquet id, tokens, tags, probability, "
                    + "untagged; csv one row per token: id, position, token, tag, probability.")
    PredictionFormat format = PredictionFormat.PARQUET;

    @CommandLine.Mixin
    DecodingOptions decoding = new DecodingOptions();

    @Override
    protected String command() {
        return "predict";
    }

    /** data.format names the input to score (a tagger may read raw text as tsv): the model directory decides. */
    @Override
    protected LabelLayout labelLayout(JobSpec spec) {
        return null;
    }

    @Override
    protected List<String> outputs(JobSpec spec) {
        return List.of(output);
    }

    @Override
    protected void preflight(JobSpec spec, Preflight check) {
        if (spec.data().isDemo() && !input.isEmpty()) {
            throw new SpecException("--input: data.format is demo, which generates its input (data.demo); "
                    + "leave --input out or set data.format");
        }
        if (!spec.data().isDemo() && input.isEmpty()) {
            throw new SpecException("--input: required for data.format " + spec.data().format());
        }
        decoding.check();
        check.inputs("--input", input);
        check.writable("--output", output);
    }

    @Override
    protected void execute(JobSpec spec, SparkSession spark, HadoopFiles files) {
        PredictJob.Outcome o = new PredictJob(spark, files).run(spec, input, output, format,
                decoding.decoding());
        status.status(o.skipped() ? "skipped" : "ok").output(o.output());
        if (!o.skipped()) {
            Map<String, Double> counts = new LinkedHashMap<>();
            counts.put("predicted", (double) o.predicted());
            counts.put("rejected", (double) o.rejected());
            if (o.tokens() > 0) {
                // a tagger: tokens beyond text.maxlen have tag null, and their count is reported here
                counts.put("tokens", (double) o.tokens());
                counts.put("untagged_tokens", (double) o.untaggedTokens());
            }
            status.metrics(counts);
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<PredictionFormat> {
        @Override
        public PredictionFormat convert(String value) {
            PredictionFormat f = PredictionFormat.parse(value);
            if (f == null) throw new CommandLine.TypeConversionException("'" + value + "': expected parquet or csv");
            return f;
        }
    }
}
