package dev.pgapi.generator.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/** Compares freshly generated files with the committed ones and renders the difference as a unified diff. */
public final class Drift {

    /**
     * The outcome of a comparison.
     *
     * @param changed  files whose content differs, missing files and stale files, relative to the source root
     * @param diff     a unified diff from the committed files ({@code a/}) to the expected ones ({@code b/})
     */
    public record Report(List<String> changed, String diff) {
        public boolean clean() {
            return changed.isEmpty();
        }
    }

    private Drift() {}

    public static Report check(Path root, String packagePath, SortedMap<String, String> expected) {
        SortedMap<String, String> actual = GeneratedTree.read(root, packagePath);
        var names = new TreeSet<String>();
        names.addAll(expected.keySet());
        names.addAll(actual.keySet());
        var changed = new ArrayList<String>();
        var diff = new StringBuilder();
        for (String name : names) {
            String before = actual.get(name);
            String after = expected.get(name);
            if (after != null && after.equals(before)) {
                continue;
            }
            changed.add(name);
            List<String> from = lines(before);
            List<String> to = lines(after);
            var patch = DiffUtils.diff(from, to);
            String fromName = before == null ? "/dev/null" : "a/" + name;
            String toName = after == null ? "/dev/null" : "b/" + name;
            for (String line : UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, from, patch, 3)) {
                diff.append(line).append('\n');
            }
        }
        return new Report(changed, diff.toString());
    }

    private static List<String> lines(String content) {
        return content == null ? List.of() : content.lines().toList();
    }
}
