package dev.seqtrain.spark;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.File;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Executors of a standalone (or Kubernetes) cluster start before spark-submit's {@code --files} reach them: their
 * {@code -Dlog4j2.configurationFile=log4j2.properties} names a file that is not in their working directory yet, and
 * log4j falls back to Spark's defaults (everything at INFO, another layout). YARN localizes the files before the JVM
 * starts, so there the file is already in use. Called from an executor's first seqtrain task, by when Spark has
 * fetched the files, this configures log4j from the shipped file once per JVM if it is not already in use.
 */
public final class ExecutorLogging {
    private static final AtomicBoolean ADOPTED = new AtomicBoolean();

    private ExecutorLogging() {
    }

    /** True when this call switched log4j to the shipped file. */
    public static boolean adoptShippedConfiguration() {
        String name = System.getProperty("log4j2.configurationFile");
        if (name == null || name.contains(",") || ADOPTED.get()) return false;
        File file = new File(name).getAbsoluteFile();
        if (!file.isFile()) return false;
        if (LogManager.getContext(false) instanceof LoggerContext context
                && file.toURI().equals(context.getConfigLocation())) {
            ADOPTED.set(true);
            return false;
        }
        if (!ADOPTED.compareAndSet(false, true)) return false;
        Configurator.reconfigure(file.toURI());
        return true;
    }
}
