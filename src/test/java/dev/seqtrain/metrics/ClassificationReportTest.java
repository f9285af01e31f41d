package dev.seqtrain.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The confusion matrix, the per-class metrics derived from it, its JSON and its table; DL4J's counts read back. */
class ClassificationReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** rows = true, columns = predicted: 10 cats (8 right), 5 dogs (3 right), 0 birds, and 1 dog called a bird. */
    private static ClassificationReport pets() {
        return new ClassificationReport(List.of("cat", "dog", "bird"), new long[][]{
                {8, 2, 0},
                {1, 3, 1},
                {0, 0, 0}});
    }

    @Test
    void perClassMetricsFollowFromTheMatrix() {
        ClassificationReport r = pets();
        assertEquals(10, r.support(0));
        assertEquals(5, r.support(1));
        assertEquals(15, r.total());
        assertEquals(11.0 / 15, r.accuracy(), 1e-12);
        assertEquals(8.0 / 9, r.precision(0), 1e-12);
        assertEquals(8.0 / 10, r.recall(0), 1e-12);
        assertEquals(2 * (8.0 / 9) * 0.8 / (8.0 / 9 + 0.8), r.f1(0), 1e-12);
        assertEquals(3.0 / 5, r.precision(1), 1e-12);
        assertEquals(3.0 / 5, r.recall(1), 1e-12);
        // bird: predicted once (wrongly), never true: precision 0, recall 0 (no NaN), f1 0
        assertEquals(0.0, r.precision(2));
        assertEquals(0.0, r.recall(2));
        assertEquals(0.0, r.f1(2));
    }

    @Test
    void matrixMustBeSquareOverTheLabels() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClassificationReport(List.of("a", "b"), new long[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> new ClassificationReport(List.of("a", "b"), new long[][]{{1, 2}, {3}}));
    }

    @Test
    void jsonHasTheMatrixWithLabelsAndThePerClassTable() {
        ObjectNode m = JSON.createObjectNode();
        m.put("accuracy", 0.5);
        pets().writeTo(m);
        JsonNode cm = m.get("confusion_matrix");
        assertEquals("[\"cat\",\"dog\",\"bird\"]", cm.get("labels").toString());
        assertEquals("true", cm.get("rows").asText());
        assertEquals("predicted", cm.get("columns").asText());
        assertEquals("[[8,2,0],[1,3,1],[0,0,0]]", cm.get("counts").toString());
        JsonNode dog = m.get("per_class").get("dog");
        assertEquals(0.6, dog.get("precision").asDouble(), 1e-12);
        assertEquals(0.6, dog.get("recall").asDouble(), 1e-12);
        assertEquals(5, dog.get("support").asLong());
        assertEquals(0.0, m.get("per_class").get("bird").get("f1").asDouble());
    }

    @Test
    void tableAlignsEveryColumnWhateverTheLabelAndCountWidths() {
        ClassificationReport r = new ClassificationReport(List.of("a", "longer-label", "c"), new long[][]{
                {12345, 2, 0},
                {1, 3, 7},
                {0, 100, 9}});
        String[] lines = ConfusionMatrixTable.matrix(r).split("\n");
        assertEquals(4, lines.length);
        for (String line : lines) assertEquals(lines[0].length(), line.length(), "ragged:\n" + String.join("\n", lines));
        assertTrue(lines[0].startsWith("true \\ predicted"), lines[0]);
        // each count ends where its column's header ends (right-aligned under the predicted label)
        int endOfLonger = lines[0].indexOf("longer-label") + "longer-label".length();
        assertEquals(endOfLonger, lines[3].indexOf("100") + 3);
        assertEquals(endOfLonger, lines[2].indexOf(" 3 ") + 2);
        assertTrue(lines[1].startsWith("a "), lines[1]);
        assertTrue(lines[1].contains("12345"), lines[1]);

        String[] perClass = ConfusionMatrixTable.perClass(r).split("\n");
        assertEquals(4, perClass.length);
        for (String line : perClass) assertEquals(perClass[0].length(), line.length());
        assertTrue(perClass[2].startsWith("longer-label"), perClass[2]);
        assertTrue(ConfusionMatrixTable.format(r).contains("precision"));
    }

    @Test
    void binarySigmoidColumnBecomesATwoByTwoMatrix() {
        // one sigmoid output per example, threshold 0.5: true 1,1,0,0,1 vs predicted 1,0,0,1,1
        INDArray labels = Nd4j.create(new float[]{1, 1, 0, 0, 1}, new long[]{5, 1});
        INDArray out = Nd4j.create(new float[]{0.9f, 0.2f, 0.1f, 0.7f, 0.6f}, new long[]{5, 1});
        Evaluation e = new Evaluation();
        e.eval(labels, out);
        ClassificationReport r = Evaluator.report(e, List.of("neg", "pos"));
        assertEquals(1, r.count(0, 0));
        assertEquals(1, r.count(0, 1));
        assertEquals(1, r.count(1, 0));
        assertEquals(2, r.count(1, 1));
        assertEquals(e.accuracy(), r.accuracy(), 1e-12);
        assertEquals(e.precision(1), r.precision(1), 1e-12);
        assertEquals(e.recall(1), r.recall(1), 1e-12);
    }

    @Test
    void multiClassCountsMatchDl4jsEvaluation() {
        INDArray labels = Nd4j.create(new float[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}});
        INDArray out = Nd4j.create(new float[][]{{0.8f, 0.1f, 0.1f}, {0.6f, 0.3f, 0.1f}, {0.1f, 0.1f, 0.8f},
                {0.2f, 0.7f, 0.1f}});
        Evaluation e = new Evaluation();
        e.eval(labels, out);
        ClassificationReport r = Evaluator.report(e, List.of("x", "y", "z"));
        assertEquals(1, r.count(0, 0));
        assertEquals(1, r.count(1, 0));
        assertEquals(1, r.count(2, 2));
        assertEquals(1, r.count(2, 1));
        assertEquals(4, r.total());
        assertEquals(e.accuracy(), r.accuracy(), 1e-12);
        for (int c = 0; c < 3; c++) assertEquals(e.f1(c), r.f1(c), 1e-12, "class " + c);
    }

    @Test
    void taggingCountsOnlyUnmaskedTokens() {
        // [mb=1, C=2, T=3]; the last step is padding (label mask 0) and predicted wrongly: not counted
        INDArray labels = Nd4j.create(new float[]{1, 0, 0, 0, 1, 1}, new long[]{1, 2, 3}, 'c');
        INDArray out = Nd4j.create(new float[]{0.9f, 0.2f, 0.8f, 0.1f, 0.8f, 0.2f}, new long[]{1, 2, 3}, 'c');
        INDArray mask = Nd4j.create(new float[]{1, 1, 0}, new long[]{1, 3});
        Evaluation e = new Evaluation();
        e.evalTimeSeries(labels, out, mask);
        ClassificationReport r = Evaluator.report(e, List.of("N", "V"));
        assertEquals(2, r.total());
        assertEquals(1, r.count(0, 0));
        assertEquals(1, r.count(1, 1));
    }
}
