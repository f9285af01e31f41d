package dev.seqtrain.bench;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.prepare.PrepareJob;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.testing.LocalSpark;
import dev.seqtrain.text.SequencePadding;
import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.TokenCount;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Both benchmarked pipelines on the benchmark's own generated corpus: seqtrain's distributed prepare gives exactly
 * what seqtrain's one-machine {@link Vocabulary#fit} + encode + pad give (vocabulary with counts, every padded
 * sequence), and the Spark ML baseline writes every document, padded to maxlen. A self-consistency check: there are
 * no Keras golden files for this corpus. Parity with Keras itself is {@code KerasConformanceTest} (one machine) and
 * {@code SparkKerasConformanceTest} (the Spark prepare job), against Keras' golden files.
 */
class PrepareBenchmarkSmokeTest {
    private static final int MAXLEN = 200;

    @Test
    void distributedPrepareMatchesTheOneMachineVocabularyAndBaselineWritesEveryDocument(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.session();
        Path corpus = tmp.resolve("corpus");
        new ReviewCorpus(5, 20_000).write(corpus, 1_500_000, 3);
        Path out = tmp.resolve("out");
        String yaml = PrepareBenchmark.spec(corpus, out, 42).replace("validation_split: 0.2",
                "validation: \"" + corpus.toUri() + "/reviews-002.tsv\"").replace("/*.tsv", "/reviews-00[01].tsv");
        JobSpec spec = JobSpecLoader.parse("smoke.yaml", yaml, List.of());

        PreparedData prepared = new PrepareJob(spark, new HadoopFiles(spark.sparkContext().hadoopConfiguration()))
                .run(spec);

        List<String> trainTexts = new ArrayList<>();
        for (String f : List.of("reviews-000.tsv", "reviews-001.tsv")) {
            for (String line : Files.readAllLines(corpus.resolve(f))) trainTexts.add(line.split("\t", 2)[1]);
        }
        Vocabulary oneMachine = Vocabulary.fit(trainTexts, spec.text());
        assertEquals(top(oneMachine, 9_999), top(prepared.vocabulary(), 9_999));
        assertEquals(oneMachine.inputDim(), prepared.vocabulary().inputDim());

        TextTokenizer tokenizer = TextTokenizer.of(spec.text());
        List<String> expected = new ArrayList<>();
        for (String text : trainTexts) {
            int[] ids = oneMachine.encode(tokenizer.tokenize(text));
            expected.add(Arrays.toString(SequencePadding.pad(ids, MAXLEN, SequenceEnd.PRE, SequenceEnd.PRE, 0)));
        }
        List<String> actual = new ArrayList<>();
        for (Row r : spark.read().parquet(prepared.trainPath()).select("ids").collectAsList()) {
            actual.add(Arrays.toString(r.getList(0).stream().mapToInt(o -> (Integer) o).toArray()));
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual);

        long docs = Files.readAllLines(corpus.resolve("reviews-000.tsv")).size()
                + Files.readAllLines(corpus.resolve("reviews-001.tsv")).size()
                + Files.readAllLines(corpus.resolve("reviews-002.tsv")).size();
        assertEquals(docs, prepared.trainRows() + prepared.validationRows());
        String baselineOut = tmp.resolve("sparkml").toUri().toString();
        assertEquals(docs, new SparkMlPreparePipeline(spark).run(corpus.toUri() + "/*.tsv", baselineOut, 9_998, MAXLEN, 42));
        for (Row r : spark.read().parquet(baselineOut + "/train").select("ids").limit(20).collectAsList()) {
            assertEquals(MAXLEN, r.getList(0).size());
        }
    }

    private static List<String> top(Vocabulary v, int n) {
        List<String> out = new ArrayList<>();
        List<TokenCount> entries = v.entriesByIndex();
        for (int i = 0; i < Math.min(n, entries.size()); i++) {
            TokenCount c = entries.get(i);
            out.add(c.token() + ":" + c.count() + ":" + c.documents());
        }
        return out;
    }
}
