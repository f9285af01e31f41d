package dev.seqtrain.corpus;

import java.io.Serializable;

/**
 * One input file in corpus order.
 *
 * @param rank   position in corpus order (paths as given, each glob's matches sorted by path): the high bits of ord
 * @param path   the qualified Hadoop path, e.g. {@code hdfs://nn:8020/corpora/a.tsv}
 * @param length bytes on the filesystem (compressed size for .gz/.bz2)
 * @param label  the text-tree label (the folder under the root), or null
 */
record InputFile(long rank, String path, long length, String label) implements Serializable {
}
