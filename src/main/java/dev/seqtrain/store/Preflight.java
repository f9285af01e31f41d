package dev.seqtrain.store;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.Failures;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * The checks that run before any data is read or any Spark work starts, so a job that cannot finish fails in seconds:
 * every input path matches something that holds data, and every output location can be written. Reads no file's
 * content and leaves nothing behind: writability is tried with a probe file, created and deleted again, in the
 * nearest folder that exists.
 */
public final class Preflight {
    static final String PROBE_PREFIX = ".seqtrain-probe-";

    private final Configuration conf;

    public Preflight(Configuration conf) {
        this.conf = conf;
    }

    /**
     * Each path (a file, a directory or a glob) of spec key {@code key} must exist and hold at least one byte of data;
     * an empty file and an empty directory get the same message.
     */
    public void inputs(String key, List<String> paths) {
        for (String given : paths) {
            Path p = new Path(given);
            withFileSystem(key, p, fs -> {
                FileStatus[] matches = fs.globStatus(p);
                if (matches == null || matches.length == 0) {
                    throw SeqtrainException.input(key + ": " + given + ": matches no file or folder");
                }
                for (FileStatus m : matches) {
                    if (holdsData(fs, m)) return;
                }
                throw SeqtrainException.input(key + ": " + given + ": is empty (no data to read)");
            });
        }
    }

    /** The output {@code dir} (spec key or option {@code key}) can be created: its nearest existing ancestor takes a file. */
    public void writable(String key, String dir) {
        Path target = new Path(dir);
        withFileSystem(key, target, fs -> {
            Path folder = target.getParent();
            if (folder == null) return; // the root itself: nothing seqtrain writes there but the target
            while (!fs.exists(folder)) {
                if (folder.getParent() == null) return;
                folder = folder.getParent();
            }
            if (!fs.getFileStatus(folder).isDirectory()) {
                throw new SeqtrainException(ExitCode.USAGE, key + ": " + dir + ": " + folder + " is a file, not a folder");
            }
            Path probe = new Path(folder, PROBE_PREFIX + UUID.randomUUID());
            try {
                fs.create(probe, false).close();
            } catch (IOException e) {
                throw Failures.environment(key + ": " + dir + ": cannot write in " + folder, e);
            }
            fs.delete(probe, false);
        });
    }

    private boolean holdsData(FileSystem fs, FileStatus s) throws IOException {
        if (!s.isDirectory()) return s.getLen() > 0;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(s.getPath(), true);
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            if (f.getLen() > 0 && !isHidden(f.getPath().getName())) return true;
        }
        return false;
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private interface Check {
        void on(FileSystem fs) throws IOException;
    }

    /** A filesystem of its own (not Hadoop's cache), so the job's later clients are built with the job's settings. */
    private void withFileSystem(String key, Path p, Check check) {
        try (FileSystem fs = FileSystem.newInstance(p.toUri(), conf)) {
            check.on(fs);
        } catch (IOException | IllegalArgumentException e) {
            throw Failures.environment(key + ": " + p, e);
        }
    }
}
