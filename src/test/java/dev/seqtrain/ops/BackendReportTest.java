package dev.seqtrain.ops;

import dev.seqtrain.spark.BackendReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend line every job logs at session start names ND4J's backend, its BLAS and the device. */
class BackendReportTest {
    @Test
    void describesTheCpuBackend() {
        String line = BackendReport.describe();
        assertTrue(line.startsWith("CpuBackend, backend=CPU, blas.vendor=OPENBLAS, omp.threads="), line);
        assertTrue(line.endsWith("device 0 of 1"), line);
    }
}
