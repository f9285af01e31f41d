package dev.seqtrain.ops;

import dev.seqtrain.spark.BackendReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend line every job logs at session start names the ND4J backend that is actually loaded, its environment
 * and the device, on whatever backend the build has (CPU/OpenBLAS, CUDA, ...).
 */
class BackendReportTest {
    @Test
    void namesTheLoadedBackendAndDevice() {
        String line = BackendReport.describe();
        // shape: Backend, key=value, ..., device D of N
        assertTrue(line.matches("\\w+(, [\\w.]+=[^,]+)*, device \\d+ of \\d+"), line);

        assertTrue(line.startsWith(Nd4j.getBackend().getClass().getSimpleName() + ", "), line);
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        for (String key : new String[]{"backend", "blas.vendor"}) {
            if (env.get(key) != null) assertTrue(line.contains(", " + key + "=" + env.get(key) + ","), key + ": " + line);
        }
        int devices = Nd4j.getAffinityManager().getNumberOfDevices();
        int device = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        assertTrue(device >= 0 && device < devices, device + " of " + devices);
        assertTrue(line.endsWith("device " + device + " of " + devices), line);
    }
}
