package dev.seqtrain.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code manifest.json}: the sha256 of every file of a model directory (paths relative to it), except itself,
 * {@code _SUCCESS} and the {@code checkpoints/} folder, whose checkpoints carry manifests of their own; optionally an
 * HMAC-SHA256 {@code signature} over {@link #canonical()}, the lines {@code sha256sum} prints for those files.
 */
public record Manifest(SortedMap<String, String> sha256, String signature) {
    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public Manifest {
        sha256 = Collections.unmodifiableSortedMap(new TreeMap<>(sha256));
    }

    /** The manifest of the files now in {@code dir}, unsigned. */
    public static Manifest of(HadoopFiles files, Path dir) {
        SortedMap<String, String> sums = new TreeMap<>();
        for (String name : listFiles(files, dir)) sums.put(name, sha256(read(files, dir, name)));
        return new Manifest(sums, null);
    }

    public Manifest signedWith(SigningKey key) {
        return key == null ? this : new Manifest(sha256, key.sign(canonical()));
    }

    /** What the signature covers: {@code <sha256>  <path>} per file, sorted by path, as {@code sha256sum} prints. */
    public byte[] canonical() {
        StringBuilder s = new StringBuilder();
        sha256.forEach((name, sum) -> s.append(sum).append("  ").append(name).append('\n'));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode sums = root.putObject("sha256");
        sha256.forEach(sums::put);
        if (signature != null) root.put("signature", signature);
        return root.toPrettyString() + "\n";
    }

    /** @param where the manifest's path for messages */
    public static Manifest parse(String json, String where) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode sums = root == null ? null : root.get("sha256");
            if (sums == null || !sums.isObject()) throw SeqtrainException.input(where + ": no \"sha256\" object");
            SortedMap<String, String> map = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = sums.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!safeName(e.getKey()) || !e.getValue().isTextual()) {
                    throw SeqtrainException.input(where + ": bad entry '" + e.getKey() + "'");
                }
                map.put(e.getKey(), e.getValue().asText());
            }
            JsonNode sig = root.get("signature");
            return new Manifest(map, sig == null || sig.isNull() ? null : sig.asText());
        } catch (IOException e) {
            throw SeqtrainException.input(where + ": unreadable: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw SeqtrainException.input(where + ": unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * The files of {@code dir} that a manifest covers, as relative paths, sorted. Hadoop's local filesystem hides its
     * {@code .crc} sidecars here, as everywhere.
     */
    static SortedSet<String> listFiles(HadoopFiles files, Path dir) {
        SortedSet<String> found = new TreeSet<>();
        walk(files.fs(dir), dir, "", found);
        return found;
    }

    private static void walk(FileSystem fs, Path dir, String prefix, SortedSet<String> found) {
        try {
            for (FileStatus s : fs.listStatus(dir)) {
                String name = prefix + s.getPath().getName();
                if (prefix.isEmpty() && (name.equals(FILE) || name.equals(AtomicDirectory.SUCCESS)
                        || name.equals(Checkpoints.DIR))) {
                    continue;
                }
                if (s.isDirectory()) walk(fs, s.getPath(), name + "/", found);
                else found.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * A file's bytes; a Hadoop checksum failure ({@code .crc} sidecar that does not match) is reported like a sha256
     * mismatch: the file is corrupt.
     */
    static byte[] read(HadoopFiles files, Path dir, String name) {
        Path p = new Path(dir, name);
        try (InputStream in = files.open(p)) {
            return in.readAllBytes();
        } catch (ChecksumException e) {
            throw corrupt(p, "its Hadoop checksum (.crc) does not match");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    static SeqtrainException corrupt(Path file, String why) {
        return SeqtrainException.input(file + ": does not match " + FILE + " (" + why
                + "): the file is corrupt or was replaced");
    }

    /** A relative path that stays inside the directory. */
    private static boolean safeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) return false;
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) return false;
        }
        return true;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
