package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;

import java.util.List;

/**
 * The value checks spec records run on their own keys ({@code validate(path)}, as Spark ML keeps a param's validator
 * next to the param). Each failure is one {@link SpecException} {@code key.path: what is wrong, got X}; the loader
 * prefixes the file name.
 */
final class SpecCheck {
    private SpecCheck() {
    }

    static void require(boolean ok, String path, String message) {
        if (!ok) throw new SpecException(path + ": " + message);
    }

    static void positive(String path, Number v) {
        require(v != null && v.doubleValue() > 0, path, "must be > 0, got " + v);
    }

    static void fraction(String path, Double v) {
        require(v >= 0 && v < 1, path, "must be in [0, 1), got " + v);
    }

    static void oneOf(String path, String v, List<String> allowed) {
        require(v != null && allowed.contains(v), path, "must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }
}
