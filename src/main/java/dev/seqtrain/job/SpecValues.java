package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;

/**
 * Spec values that are enums. Each constant's {@code @JsonProperty} is its YAML spelling, so Jackson binds it and
 * refuses any other value (the loader reports the key path, the value and {@link #spellings}); the enums' toString
 * returns {@link #spelling} so that messages and {@code job.yaml} write the spelling back.
 */
public final class SpecValues {
    private static final ClassValue<List<String>> SPELLINGS = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants()).map(c -> annotated((Enum<?>) c)).toList();
        }
    };

    private SpecValues() {
    }

    /** How {@code value} is written in a job spec. */
    public static String spelling(Enum<?> value) {
        return SPELLINGS.get(value.getDeclaringClass()).get(value.ordinal());
    }

    /** Every spelling of {@code type}, in declaration order: the allowed values a message lists. */
    public static List<String> spellings(Class<? extends Enum<?>> type) {
        return SPELLINGS.get(type);
    }

    /** The constant spelled {@code spelling}, or empty: for files other than the job spec that record a spec value. */
    public static <E extends Enum<E>> java.util.Optional<E> parse(Class<E> type, String spelling) {
        int i = spellings(type).indexOf(spelling);
        return i < 0 ? java.util.Optional.empty() : java.util.Optional.of(type.getEnumConstants()[i]);
    }

    private static String annotated(Enum<?> value) {
        try {
            JsonProperty p = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            if (p == null) throw new IllegalStateException(value.getDeclaringClass() + "." + value.name() + " has no @JsonProperty");
            return p.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
