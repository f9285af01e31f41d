package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.BidirectionalSpec;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;

/** Keras' {@code Bidirectional(merge_mode=...)} and DL4J's equivalent. */
enum MergeMode {
    CONCAT("concat", Bidirectional.Mode.CONCAT),
    SUM("sum", Bidirectional.Mode.ADD),
    AVE("ave", Bidirectional.Mode.AVERAGE),
    MUL("mul", Bidirectional.Mode.MUL);

    private final String key;
    private final Bidirectional.Mode dl4j;

    MergeMode(String key, Bidirectional.Mode dl4j) {
        this.key = key;
        this.dl4j = dl4j;
    }

    static MergeMode of(String path, String key) {
        for (MergeMode m : values()) {
            if (m.key.equals(key)) return m;
        }
        throw new SpecException(path + ": must be one of " + String.join(", ", BidirectionalSpec.MERGE_MODES)
                + ", got '" + key + "'");
    }

    Bidirectional.Mode dl4j() {
        return dl4j;
    }

    /** Features per step after merging the forward and backward outputs of {@code units} each. */
    int outputSize(int units) {
        return this == CONCAT ? 2 * units : units;
    }
}
