package dev.seqtrain.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras' automatic layer names in a fresh session: the snake-case class name, then {@code _1}, {@code _2} ... for
 * later layers of the same class ({@code lstm}, {@code lstm_1}).
 */
final class KerasNames {
    private final Map<String, Integer> used = new HashMap<>();

    String next(String snakeName) {
        int n = used.merge(snakeName, 1, Integer::sum);
        return n == 1 ? snakeName : snakeName + "_" + (n - 1);
    }
}
