package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** history.json's {@code fit_seconds}: written when measured, read back, absent from older histories. */
class EpochRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fitSecondsGoesIntoHistoryAndComesBack() throws Exception {
        EpochRecord r = new EpochRecord(2, 0.5, Map.of("accuracy", 0.8), 12.5, 0.001, 40, 9.25);
        JsonNode json = JSON.readTree(JSON.writeValueAsString(r.toJson(JSON)));
        assertEquals(9.25, json.get("fit_seconds").asDouble(), 0);
        assertEquals(12.5, json.get("seconds").asDouble(), 0);
        assertEquals(r, EpochRecord.fromJson(json));
    }

    @Test
    void aHistoryWithoutFitSecondsReadsBackWithoutIt() throws Exception {
        JsonNode old = JSON.readTree("{\"epoch\":1,\"loss\":0.6,\"val_accuracy\":0.7,\"seconds\":3.0,\"lr\":0.001,\"batches\":5}");
        EpochRecord r = EpochRecord.fromJson(old);
        assertTrue(Double.isNaN(r.fitSeconds()));
        assertFalse(r.toJson(JSON).has("fit_seconds"));
        assertEquals(old, JSON.readTree(JSON.writeValueAsString(r.toJson(JSON))));
    }
}
