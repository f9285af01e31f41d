package dev.seqtrain.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any failure into an exit code and one line. Environment faults are recognised anywhere in the cause chain
 * (Hadoop and Spark wrap them several times, and a wrapper may claim bad input), by class name so that this package
 * needs no Hadoop on its classpath.
 */
public final class Failures {
    /** The exit code and the one line the CLI prints and puts on the status line. */
    public record Failure(ExitCode exitCode, String message) {
    }

    private enum Fault {
        REFUSED("connection refused", "java.net.ConnectException"),
        TIMEOUT("no answer", "java.net.SocketTimeoutException", "org.apache.hadoop.net.ConnectTimeoutException"),
        UNREACHABLE("no route to host", "java.net.NoRouteToHostException"),
        UNKNOWN_HOST("unknown host", "java.net.UnknownHostException"),
        PERMISSION("permission denied", "org.apache.hadoop.security.AccessControlException",
                "java.nio.file.AccessDeniedException"),
        QUOTA("quota exceeded", "org.apache.hadoop.hdfs.protocol.QuotaExceededException"),
        READ_ONLY("read-only filesystem", "java.nio.file.ReadOnlyFileSystemException"),
        NO_SPACE("no space left on device"),
        /** HDFS has no DataNode that can take or serve a block: a machine or disk is down, not the job's data. */
        DATANODES("no DataNode available", "org.apache.hadoop.hdfs.BlockMissingException");

        final String label;
        final List<String> classes;

        Fault(String label, String... classes) {
            this.label = label;
            this.classes = List.of(classes);
        }
    }

    private static final Pattern HOST_PORT = Pattern.compile("\\bto ([^\\s:]+:\\d+) failed");
    private static final Pattern REMOTE = Pattern.compile("remote=(?:[^/\\s\\]]*/)?([^\\s\\]]+)");
    private static final Pattern MILLIS = Pattern.compile("(\\d+) millis timeout");
    private static final int MAX_LINE = 400;

    private Failures() {
    }

    public static Failure classify(Throwable t) {
        if (t instanceof SeqtrainException s && s.exitCode() == ExitCode.ENVIRONMENT) {
            return new Failure(ExitCode.ENVIRONMENT, withoutTrace(s.getMessage()));
        }
        Throwable fault = faultIn(t);
        if (fault != null) return new Failure(ExitCode.ENVIRONMENT, join(context(t, fault), describe(fault, t)));
        for (Throwable c : chain(t)) {
            // ours, perhaps inside Spark's wrapping of a failed task: already one line for the user
            if (c instanceof SeqtrainException s) return new Failure(s.exitCode(), withoutTrace(s.getMessage()));
        }
        return new Failure(ExitCode.INTERNAL, oneLine(t.toString()));
    }

    /**
     * An I/O failure at {@code context} (a path, a key): an environment fault with its reason, or, when the chain
     * holds none (a malformed URI), a usage error.
     */
    public static SeqtrainException environment(String context, Throwable cause) {
        Throwable fault = faultIn(cause);
        if (fault != null) return new SeqtrainException(ExitCode.ENVIRONMENT, join(context, describe(fault, cause)), cause);
        if (cause instanceof IllegalArgumentException) {
            return new SeqtrainException(ExitCode.USAGE, join(context, oneLine(cause.getMessage())), cause);
        }
        // any other I/O error of a filesystem (a DataNode gone, a broken mount) is the environment's too
        return new SeqtrainException(ExitCode.ENVIRONMENT, join(context, oneLine(String.valueOf(cause))), cause);
    }

    /** The first environment fault in the cause chain, or null. */
    static Throwable faultIn(Throwable t) {
        for (Throwable c : chain(t)) {
            if (kind(c) != null) return c;
        }
        return null;
    }

    private static Fault kind(Throwable t) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) names.add(c.getName());
        String remote = remoteClassName(t);
        if (remote != null) names.add(remote);
        for (Fault f : Fault.values()) {
            for (String n : names) {
                if (f.classes.contains(n) || n.endsWith("QuotaExceededException") && f == Fault.QUOTA) return f;
            }
        }
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof java.io.IOException || remote != null) {
            if (m.contains("no space left on device")) return Fault.NO_SPACE;
            if (m.contains("read-only file system")) return Fault.READ_ONLY;
            if (m.contains("could only be written to 0 of") || m.contains("all datanodes") && m.contains("are bad")) {
                return Fault.DATANODES;
            }
        }
        return null;
    }

    /** Hadoop's RemoteException carries the server's exception as a class name. */
    private static String remoteClassName(Throwable t) {
        if (!t.getClass().getName().equals("org.apache.hadoop.ipc.RemoteException")) return null;
        try {
            return (String) t.getClass().getMethod("getClassName").invoke(t);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String describe(Throwable fault, Throwable whole) {
        Fault f = kind(fault);
        String host = hostPort(whole);
        switch (f) {
            case REFUSED:
            case UNREACHABLE:
                return "cannot connect to " + (host != null ? host : oneLine(fault.getMessage())) + ": " + f.label;
            case TIMEOUT: {
                Matcher ms = MILLIS.matcher(messages(whole));
                String within = ms.find() ? " within " + seconds(Long.parseLong(ms.group(1))) : "";
                return (host != null ? host : "the filesystem") + " did not answer" + within
                        + " (io.timeout_seconds)";
            }
            case UNKNOWN_HOST: {
                String m = oneLine(fault.getMessage());
                return f.label + " " + m.replaceFirst("^.*UnknownHostException: ", "");
            }
            default: {
                String m = oneLine(fault.getMessage());
                return m.toLowerCase(Locale.ROOT).contains(f.label.split(" ")[0]) ? m : f.label + ": " + m;
            }
        }
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String hostPort(Throwable t) {
        String all = messages(t);
        Matcher m = HOST_PORT.matcher(all);
        if (m.find()) return m.group(1);
        Matcher r = REMOTE.matcher(all);
        return r.find() ? r.group(1) : null;
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c : chain(t)) b.append(c.getMessage()).append('\n');
        return b.toString();
    }

    /**
     * What was being done when the fault happened: the message of the outermost wrapper of ours or of an I/O layer
     * ("cannot write PATH"), cut before the fault's own text.
     */
    private static String context(Throwable t, Throwable fault) {
        for (Throwable c : chain(t)) {
            if (c == fault) return null;
            if (c instanceof SeqtrainException || c instanceof java.io.UncheckedIOException) {
                String m = oneLine(c.getMessage());
                for (String cut : new String[]{String.valueOf(fault.getMessage()), "Call From ", fault.getClass().getName()}) {
                    int at = m.indexOf(cut);
                    if (at >= 0) m = m.substring(0, at);
                }
                m = m.replaceAll("[\\s:;,]+$", "");
                return m.isEmpty() ? null : m;
            }
        }
        return null;
    }

    private static String join(String context, String reason) {
        return context == null || context.isEmpty() ? reason : context + ": " + reason;
    }

    private static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c) && out.size() < 50; c = c.getCause()) out.add(c);
        return out;
    }

    /**
     * Our own message as written (it may span lines on purpose), less any stack trace that a wrapped exception's text
     * brought along: the status line never carries one.
     */
    static String withoutTrace(String message) {
        if (message == null) return "";
        Matcher m = TRACE.matcher(message);
        return (m.find() ? message.substring(0, m.start()) : message).strip();
    }

    private static final Pattern TRACE = Pattern.compile("\\R(\\s+at |\\s*Caused by: |Driver stacktrace:|\\s+\\.\\.\\. \\d+ more)");

    /** The first line, without Hadoop's "For more details see" link; at most a few hundred characters. */
    public static String oneLine(String message) {
        if (message == null) return "";
        String m = message.strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl).strip();
        int more = m.indexOf("; For more details see");
        if (more >= 0) m = m.substring(0, more);
        return m.length() > MAX_LINE ? m.substring(0, MAX_LINE) + " ..." : m;
    }
}
