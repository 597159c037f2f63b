package dev.pgapi.runtime.query;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** PostgREST's "Perhaps you meant ..." suggestions: the most similar known name. */
public final class Names {

    private Names() {}

    /** The most similar candidate by edit distance, if at least {@code minimum} similar. */
    public static Optional<String> closest(String name, List<String> candidates, double minimum) {
        return candidates.stream()
                .filter(c -> similarity(name, c) >= minimum)
                .max(Comparator.comparingDouble(c -> similarity(name, c)));
    }

    /** 1 for equal strings, 0 for entirely different ones: one minus the edit distance over the longer length. */
    static double similarity(String a, String b) {
        int max = Math.max(a.length(), b.length());
        if (max == 0) {
            return 1.0;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 1.0 - (double) previous[b.length()] / max;
    }
}
