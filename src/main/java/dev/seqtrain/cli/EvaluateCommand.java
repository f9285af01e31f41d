package dev.seqtrain.cli;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.infer.EvaluateJob;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.Preflight;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a labelled corpus with the model directory output.dir, on Spark: data.test, else "
                + "data.validation (or the demo corpus). Writes metrics.json and report.txt to --report. A sequence to "
                + "sequence model decodes greedily, or by beam search with --beam-width.")
public final class EvaluateCommand extends SparkJobCommand {
    @Option(names = "--report", paramLabel = "DIR", description = "Where metrics.json and report.txt go "
            + "(default: <output.dir>.evaluation), written under output.if_exists.")
    String report;

    @Mixin
    DecodingOptions decoding = new DecodingOptions();

    @Override
    protected String command() {
        return "evaluate";
    }

    @Override
    protected List<String> outputs(JobSpec spec) {
        return List.of(reportDir(spec));
    }

    @Override
    protected void preflight(JobSpec spec, Preflight check) {
        decoding.check();
        if (!spec.data().isDemo()) {
            check.inputs(spec.data().test().isEmpty() ? "data.validation" : "data.test", corpus(spec));
        }
        check.writable(report != null ? "--report" : "output.dir", reportDir(spec));
    }

    @Override
    protected void execute(JobSpec spec, SparkSession spark, HadoopFiles files) {
        List<String> paths = corpus(spec);
        String dir = reportDir(spec);
        EvaluateJob.Outcome o = new EvaluateJob(spark, files).run(spec, paths, dir, decoding.decoding());
        status.status(o.skipped() ? "skipped" : "ok").output(o.reportDir());
        if (!o.skipped()) status.metrics(o.metrics());
    }

    private static List<String> corpus(JobSpec spec) {
        List<String> paths = !spec.data().test().isEmpty() ? spec.data().test() : spec.data().validation();
        if (paths.isEmpty() && !spec.data().isDemo()) {
            throw new SpecException("data.test: required for evaluate (or data.validation): the labelled corpus to score");
        }
        return paths;
    }

    private String reportDir(JobSpec spec) {
        return report != null ? report : spec.output().dir().replaceAll("/+$", "") + ".evaluation";
    }
}
