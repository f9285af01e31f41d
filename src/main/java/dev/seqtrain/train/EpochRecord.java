package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code history.json}: an epoch's training loss, validation metrics, wall time, learning rate
 * ({@code lr}), the mini-batches the workers fitted ({@code batches}) and the seconds the fit alone took
 * ({@code fit_seconds}, without validation). A history written before seqtrain recorded the last three reads back
 * with NaN and 0, which are then left out of the JSON again.
 */
public record EpochRecord(int epoch, double loss, Map<String, Double> validation, double seconds, double lr,
                          long batches, double fitSeconds) {

    public EpochRecord {
        validation = new LinkedHashMap<>(validation);
    }

    /** An epoch whose fit time was not measured apart. */
    public EpochRecord(int epoch, double loss, Map<String, Double> validation, double seconds, double lr, long batches) {
        this(epoch, loss, validation, seconds, lr, batches, Double.NaN);
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("epoch", epoch);
        n.put("loss", loss);
        validation.forEach((k, v) -> n.put("val_" + k, v));
        n.put("seconds", seconds);
        if (!Double.isNaN(lr)) n.put("lr", lr);
        if (batches > 0) n.put("batches", batches);
        if (!Double.isNaN(fitSeconds)) n.put("fit_seconds", fitSeconds);
        return n;
    }

    /** The inverse of {@link #toJson}: a line of a saved history.json (a checkpoint's, on resume). */
    public static EpochRecord fromJson(JsonNode n) {
        Map<String, Double> validation = new LinkedHashMap<>();
        n.fields().forEachRemaining(f -> {
            if (f.getKey().startsWith("val_")) validation.put(f.getKey().substring(4), f.getValue().asDouble());
        });
        return new EpochRecord(n.get("epoch").asInt(), n.get("loss").asDouble(), validation, n.get("seconds").asDouble(),
                n.has("lr") ? n.get("lr").asDouble() : Double.NaN, n.path("batches").asLong(0),
                n.has("fit_seconds") ? n.get("fit_seconds").asDouble() : Double.NaN);
    }

    /** The value a monitor names: {@code loss}, {@code val_loss}, {@code val_accuracy}, ... */
    public double monitored(String monitor) {
        if ("loss".equals(monitor)) return loss;
        Double v = validation.get(monitor.startsWith("val_") ? monitor.substring(4) : monitor);
        return v == null ? Double.NaN : v;
    }

    /** {@code etaSeconds}: the time the remaining epochs of the run are expected to take. */
    public String logLine(int epochs, double etaSeconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f", epoch, epochs, loss));
        validation.forEach((k, v) -> sb.append(String.format(Locale.ROOT, ", val_%s %.4f", k, v)));
        if (!Double.isNaN(lr)) sb.append(", lr ").append(fourDigits(lr));
        sb.append(String.format(Locale.ROOT, ", %.1f s", seconds));
        if (epoch < epochs) sb.append(String.format(Locale.ROOT, ", run ETA %.0f s", etaSeconds));
        return sb.toString();
    }

    /** 0.005, 0.0003874, 1.25E-7: four significant digits without trailing zeros. */
    private static String fourDigits(double v) {
        if (v == 0 || !Double.isFinite(v)) return String.valueOf(v);
        BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        return d.abs().compareTo(new BigDecimal("0.0001")) >= 0 ? d.toPlainString() : d.toString();
    }
}
