package dev.seqtrain.corpus;

import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the spec's paths into the ordered list of input files, on the driver (listing only, no content).
 * Corpus order: paths in the order given, each glob's matches and each directory's files sorted by path; a file
 * named twice is read once, at its first place.
 */
final class InputFiles {
    /** ord keeps 40 bits for the position inside a file, so 2^23 files fit in a positive long. */
    static final long MAX_FILES = 1L << (63 - CorpusSchemas.ORD_FILE_SHIFT);

    private InputFiles() {
    }

    /** The files of flat formats (tsv, csv, jsonl, parquet, conll): files, globs and directories (read recursively). */
    static List<InputFile> list(Configuration conf, List<String> paths) {
        requirePaths(paths);
        Map<String, FileStatus> files = new LinkedHashMap<>();
        for (String given : paths) {
            List<FileStatus> found = new ArrayList<>();
            boolean fromDirectory = false;
            for (FileStatus match : glob(conf, given)) {
                if (match.isDirectory()) {
                    fromDirectory = true;
                    found.addAll(filesUnder(conf, match.getPath(), given));
                } else if (!isGlob(given) || !isHidden(match.getPath().getName())) {
                    found.add(match);
                }
            }
            if (found.isEmpty()) throw SeqtrainException.input("input path has no files: " + given);
            // an empty file fails as an empty directory does, not as zero rows that each job would treat its own way
            if (found.stream().allMatch(f -> f.getLen() == 0)) {
                throw SeqtrainException.input("input path has no data: " + given
                        + (found.size() == 1 && !isGlob(given) && !fromDirectory ? " is an empty file"
                        : " holds only empty files"));
            }
            for (FileStatus f : found) files.putIfAbsent(f.getPath().toString(), f);
        }
        List<InputFile> out = new ArrayList<>();
        for (FileStatus f : files.values()) out.add(new InputFile(out.size(), f.getPath().toString(), f.getLen(), null));
        return checkCount(out);
    }

    /**
     * The documents of text trees: each path (or glob match) is a root whose sub-folders are the labels; each
     * {@code .txt} file below a label folder (recursively, as Keras' text_dataset_from_directory) is one document.
     * Files directly in a root have no label: read only when labels are not required (predict input).
     */
    static List<InputFile> textTree(Configuration conf, List<String> paths, boolean labelRequired, List<String> classes) {
        requirePaths(paths);
        java.util.Set<String> seenClasses = new java.util.HashSet<>();
        Map<String, InputFile> docs = new LinkedHashMap<>();
        for (String given : paths) {
            List<InputFile> found = new ArrayList<>();
            for (FileStatus root : glob(conf, given)) {
                if (!root.isDirectory()) {
                    throw SeqtrainException.input("text-tree path is not a directory: " + root.getPath()
                            + " (expected ROOT/<label>/*.txt)");
                }
                for (FileStatus child : sorted(listStatus(conf, root.getPath(), given))) {
                    String name = child.getPath().getName();
                    if (isHidden(name)) continue;
                    if (child.isDirectory()) {
                        if (!classes.isEmpty() && !classes.contains(name)) continue; // e.g. IMDB's unsup/
                        seenClasses.add(name);
                        for (FileStatus f : filesUnder(conf, child.getPath(), given)) {
                            if (isText(conf, f.getPath())) found.add(new InputFile(0, f.getPath().toString(), f.getLen(), name));
                        }
                    } else if (!labelRequired && isText(conf, child.getPath())) {
                        found.add(new InputFile(0, child.getPath().toString(), child.getLen(), null));
                    }
                }
            }
            if (found.isEmpty()) {
                throw SeqtrainException.input("text-tree path has no <label>/*.txt files: " + given);
            }
            found.sort(Comparator.comparing(InputFile::path));
            for (InputFile f : found) docs.putIfAbsent(f.path(), f);
        }
        for (String c : classes) {
            if (!seenClasses.contains(c)) {
                throw SeqtrainException.input("data.classes: no folder '" + c + "' under " + String.join(", ", paths));
            }
        }
        List<InputFile> out = new ArrayList<>();
        for (InputFile f : docs.values()) out.add(new InputFile(out.size(), f.path(), f.length(), f.label()));
        return checkCount(out);
    }

    private static void requirePaths(List<String> paths) {
        if (paths == null || paths.isEmpty()) throw SeqtrainException.input("no input paths given");
    }

    private static List<InputFile> checkCount(List<InputFile> files) {
        if (files.size() >= MAX_FILES) {
            throw SeqtrainException.input("too many input files: " + files.size() + " (at most " + (MAX_FILES - 1) + ")");
        }
        return files;
    }

    private static List<FileStatus> glob(Configuration conf, String given) {
        try {
            Path path = new Path(given);
            FileStatus[] matches = path.getFileSystem(conf).globStatus(path);
            if (matches == null || matches.length == 0) throw SeqtrainException.input("input path matches no file: " + given);
            return sorted(Arrays.asList(matches));
        } catch (IOException | IllegalArgumentException e) {
            throw SeqtrainException.input("cannot list input path " + given + ": " + e.getMessage(), e);
        }
    }

    /** Regular files below a directory, recursively, skipping hidden names (_SUCCESS, .crc, _temporary). */
    private static List<FileStatus> filesUnder(Configuration conf, Path dir, String given) {
        List<FileStatus> out = new ArrayList<>();
        for (FileStatus child : sorted(listStatus(conf, dir, given))) {
            if (isHidden(child.getPath().getName())) continue;
            if (child.isDirectory()) out.addAll(filesUnder(conf, child.getPath(), given));
            else out.add(child);
        }
        return out;
    }

    private static List<FileStatus> listStatus(Configuration conf, Path dir, String given) {
        try {
            return Arrays.asList(dir.getFileSystem(conf).listStatus(dir));
        } catch (IOException e) {
            throw SeqtrainException.input("cannot list input path " + given + ": " + e.getMessage(), e);
        }
    }

    private static List<FileStatus> sorted(List<FileStatus> in) {
        List<FileStatus> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(s -> s.getPath().toString()));
        return out;
    }

    private static boolean isText(Configuration conf, Path path) {
        String name = path.getName();
        CompressionCodec codec = CompressedFiles.codec(conf, path);
        if (codec != null) name = CompressionCodecFactory.removeSuffix(name, codec.getDefaultExtension());
        return name.toLowerCase(Locale.ROOT).endsWith(".txt");
    }

    static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
