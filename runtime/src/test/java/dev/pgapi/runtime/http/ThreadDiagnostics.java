package dev.pgapi.runtime.http;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a timed-out wait on the database layer reports: the stacks of the threads (virtual ones included) that are in
 * the pool, the driver or pgapi's database code, a few frames each. A wait that never ends is a thread stuck there.
 */
final class ThreadDiagnostics {

    private static final Pattern RELEVANT = Pattern.compile("dev\\.pgapi\\.runtime\\.db|com\\.zaxxer|org\\.postgresql");
    private static final int FRAMES = 8;

    private ThreadDiagnostics() {}

    /** The relevant threads, or why they could not be listed. */
    static String databaseThreads() {
        try {
            Path file = Files.createTempFile("pgapi-threads", ".txt");
            Files.delete(file); // dumpThreads refuses an existing file
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                var out = new StringBuilder();
                for (String thread : Files.readString(file).split("\n\n")) {
                    if (RELEVANT.matcher(thread).find()) {
                        thread.lines()
                                .limit(FRAMES + 1)
                                .forEach(line -> out.append(line).append('\n'));
                        out.append('\n');
                    }
                }
                return out.isEmpty() ? "no thread in the database layer" : out.toString();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            return "no thread dump: " + e;
        }
    }
}
