package dev.seqtrain.corpus;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hadoop's line input (splits, codecs, bz2 splitting) over an exact list of files: no globbing and no hidden-file
 * filter, so a file name with glob characters is read as named and the split paths are the listed strings.
 */
public class ListedTextInputFormat extends TextInputFormat {
    /** The files, one qualified path per line. */
    static final String FILES = "seqtrain.corpus.input.files";

    static void setFiles(Configuration conf, List<String> files) {
        conf.set(FILES, String.join("\n", files));
    }

    @Override
    protected List<FileStatus> listStatus(JobContext job) throws IOException {
        Configuration conf = job.getConfiguration();
        List<FileStatus> out = new ArrayList<>();
        for (String file : conf.get(FILES, "").split("\n")) {
            if (file.isEmpty()) continue;
            Path path = new Path(file);
            FileStatus status = path.getFileSystem(conf).getFileStatus(path);
            status.setPath(path);
            out.add(status);
        }
        return out;
    }
}
