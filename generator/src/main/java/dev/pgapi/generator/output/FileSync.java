package dev.pgapi.generator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes generated files into a source root: a file is rewritten only when its content changed (so build tools and
 * IDEs see no spurious changes), and generated files that are no longer produced are deleted — inside the owned
 * package only, and only if they carry the generated header.
 */
public final class FileSync {

    /** What a sync did, as paths relative to the source root. */
    public record Result(List<String> written, List<String> unchanged, List<String> deleted) {}

    private FileSync() {}

    public static Result sync(Path root, String packagePath, SortedMap<String, String> files) {
        var written = new ArrayList<String>();
        var unchanged = new ArrayList<String>();
        var deleted = new ArrayList<String>();
        SortedMap<String, String> existing = GeneratedTree.read(root, packagePath);
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                if (file.getValue().equals(existing.get(file.getKey()))) {
                    unchanged.add(file.getKey());
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                written.add(file.getKey());
            }
            for (String stale : existing.keySet()) {
                if (!files.containsKey(stale)) {
                    Files.delete(root.resolve(stale));
                    deleted.add(stale);
                    deleteEmptyParents(root.resolve(stale).getParent(), root.resolve(packagePath));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated files under " + root + ": " + e.getMessage(), e);
        }
        return new Result(written, unchanged, deleted);
    }

    private static void deleteEmptyParents(Path dir, Path stop) throws IOException {
        while (dir != null && dir.startsWith(stop) && !dir.equals(stop)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }
}
