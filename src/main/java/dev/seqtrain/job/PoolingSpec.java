package dev.seqtrain.job;

/** Keras {@code GlobalAveragePooling1D} / {@code GlobalMaxPooling1D}: pools a sequence over time (masks respected). */
public record PoolingSpec(Kind kind) implements LayerSpec {

    public enum Kind {
        AVERAGE("global_average_pooling1d", "GlobalAveragePooling1D"),
        MAX("global_max_pooling1d", "GlobalMaxPooling1D");

        private final String key;
        private final String kerasName;

        Kind(String key, String kerasName) {
            this.key = key;
            this.kerasName = kerasName;
        }

        public String key() {
            return key;
        }

        public String kerasName() {
            return kerasName;
        }
    }

    @Override
    public String typeName() {
        return kind.key();
    }
}
