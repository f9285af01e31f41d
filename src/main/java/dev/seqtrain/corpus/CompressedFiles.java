package dev.seqtrain.corpus;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Opens one whole file on any Hadoop filesystem, decompressed by the codec its suffix names (.gz, .bz2, ...). */
final class CompressedFiles {

    /** Building a codec factory instantiates every configured codec: one per configuration, not one per file. */
    private static final Map<Configuration, CompressionCodecFactory> CODECS = Collections.synchronizedMap(new WeakHashMap<>());

    private CompressedFiles() {
    }

    /** The codec a file's suffix names, or null for an uncompressed file. */
    static CompressionCodec codec(Configuration conf, Path path) {
        return CODECS.computeIfAbsent(conf, CompressionCodecFactory::new).getCodec(path);
    }

    static InputStream open(Configuration conf, String file) throws IOException {
        Path path = new Path(file);
        InputStream raw = path.getFileSystem(conf).open(path);
        CompressionCodec codec = codec(conf, path);
        if (codec == null) return raw;
        try {
            return codec.createInputStream(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** UTF-8 text, a leading byte order mark removed; malformed bytes read as U+FFFD and are counted. */
    static Utf8Reader openText(Configuration conf, String file) throws IOException {
        return new Utf8Reader(open(conf, file));
    }
}
