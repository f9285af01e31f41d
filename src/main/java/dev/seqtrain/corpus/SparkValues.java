package dev.seqtrain.corpus;

import scala.collection.JavaConverters;

import java.util.List;

/** Spark row values as Java: arrays come back from Parquet as Scala sequences. */
final class SparkValues {
    private SparkValues() {
    }

    /** The value as a list, or null when it is not an array. */
    static List<?> list(Object value) {
        if (value instanceof List<?> l) return l;
        if (value instanceof scala.collection.Seq<?> s) return JavaConverters.seqAsJavaList(s);
        return null;
    }
}
