package dev.seqtrain.text;

import java.io.Serializable;

/**
 * A {@link TokenTable} built on first use and not serialized: what travels in a broadcast is the token array, the
 * table is rebuilt once per JVM. Thread-safe (a race builds the same table twice, harmlessly).
 */
final class LazyTokenTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient volatile TokenTable table;

    /** The table of {@code tokens} (entry i = tokens[i]); always called with the same array. */
    TokenTable of(String[] tokens) {
        TokenTable t = table;
        if (t == null) {
            t = TokenTable.of(tokens);
            table = t;
        }
        return t;
    }
}
