package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The last line every job prints on stdout: one JSON object (job, command, status, output, metrics or error, exit
 * code) so that orchestrators read the outcome without parsing logs.
 */
public final class StatusLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node = JSON.createObjectNode();

    public StatusLine(String command) {
        node.put("seqtrain", command);
    }

    public StatusLine job(String name) {
        node.put("job", name);
        return this;
    }

    public StatusLine status(String status) {
        node.put("status", status);
        return this;
    }

    public StatusLine output(String output) {
        node.put("output", output);
        return this;
    }

    public StatusLine metrics(Map<String, Double> metrics) {
        ObjectNode m = node.putObject("metrics");
        metrics.forEach(m::put);
        return this;
    }

    public StatusLine error(String message, int exitCode) {
        node.put("status", "failed");
        node.put("error", message);
        node.put("exit_code", exitCode);
        return this;
    }

    public String toJson() {
        return node.toString();
    }
}
