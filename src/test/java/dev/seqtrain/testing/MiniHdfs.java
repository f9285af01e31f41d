package dev.seqtrain.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A real single-node HDFS (namenode + one datanode) in a test's temp directory, from hadoop-client-minicluster.
 * {@code try (MiniHdfs hdfs = MiniHdfs.start(tempDir)) { ... hdfs.uri() + "/corpus/a.tsv" ... }}
 */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    public static MiniHdfs start(java.nio.file.Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.setInt("dfs.replication", 1);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
    }

    /** {@code hdfs://localhost:PORT}: prefix of absolute paths on this cluster. */
    public String uri() {
        return "hdfs://localhost:" + cluster.getNameNodePort();
    }

    public FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    /** Writes a UTF-8 file and returns its full {@code hdfs://} path. */
    public String write(String path, String content) throws IOException {
        Path target = new Path(uri() + path);
        try (OutputStream out = fileSystem().create(target, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return target.toString();
    }

    /** Stops the only DataNode, as a crashed machine: reads and writes of blocks fail from then on. */
    public void stopDataNode() {
        cluster.stopDataNode(0);
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
