package dev.seqtrain.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small-file I/O on any Hadoop FileSystem ({@code file://}, {@code hdfs://}, ...): the artifacts around a model. */
public final class HadoopFiles {
    private final Configuration conf;

    public HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    public Configuration conf() {
        return conf;
    }

    public FileSystem fs(Path p) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open filesystem of " + p, e);
        }
    }

    public void writeString(Path p, String content) {
        try (OutputStream out = create(p)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }

    public void writeBytes(Path p, byte[] content) {
        try (OutputStream out = create(p)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }

    public FSDataOutputStream create(Path p) throws IOException {
        return fs(p).create(p, true);
    }

    public InputStream open(Path p) throws IOException {
        return fs(p).open(p);
    }

    public String readString(Path p) {
        try (InputStream in = open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    public byte[] readBytes(Path p) {
        try (InputStream in = open(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    public boolean exists(Path p) {
        try {
            return fs(p).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + p, e);
        }
    }

    public void deleteRecursively(Path p) {
        try {
            fs(p).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }

    public void rename(Path from, Path to) {
        try {
            FileSystem fs = fs(from);
            if (to.getParent() != null) fs.mkdirs(to.getParent());
            if (!fs.rename(from, to)) {
                throw new IOException("rename returned false");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to, e);
        }
    }

    public boolean isDirectory(Path p) {
        try {
            return fs(p).getFileStatus(p).isDirectory();
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + p, e);
        }
    }

    /** A directory with no entries at all: replacing it loses nothing. */
    public boolean isEmptyDirectory(Path p) {
        try {
            return isDirectory(p) && fs(p).listStatus(p).length == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + p, e);
        }
    }

    /** The modification time in epoch milliseconds, or -1 when {@code p} does not exist. */
    public long modificationTime(Path p) {
        try {
            return fs(p).getFileStatus(p).getModificationTime();
        } catch (java.io.FileNotFoundException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + p, e);
        }
    }

    /** The names of the entries directly under {@code dir}, sorted; empty when it does not exist. */
    public List<String> listNames(Path dir) {
        try {
            FileSystem fs = fs(dir);
            if (!fs.exists(dir)) return List.of();
            List<String> names = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) names.add(s.getPath().getName());
            Collections.sort(names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A fully qualified path string (scheme and authority) for a user's path. */
    public String qualify(String path) {
        return qualified(path).toString();
    }

    /** A user's path made absolute and qualified: {@code .} becomes the working directory, which has a parent. */
    public Path qualified(String path) {
        Path p = new Path(path);
        return fs(p).makeQualified(p);
    }
}
