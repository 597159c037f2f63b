package dev.pgapi.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start script, run by {@code sh} with a stand-in {@code java} that prints the arguments it gets. */
class LauncherTest {

    private static final String TRAINED = "25.0.3+9-LTS";

    @TempDir
    Path temp;

    private Path dir;
    private Path jdk;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(temp.resolve("my target"));
        jdk = Files.createDirectories(temp.resolve("jdk/bin")).getParent();
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("svc"), Launcher.script("svc", List.of("-Xmx256m", "-Dx=a b"), TRAINED));
    }

    @Test
    void onTheJdkThatTrainedItTheScriptUsesTheAotCacheThenJavaOptsThenTheJar() throws Exception {
        release(TRAINED);
        Files.writeString(dir.resolve("svc.aot"), "");

        assertThat(run("-Dmine=1", "svc.conf"))
                .containsExactly(
                        "-Xmx256m",
                        "-Dx=a b",
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:-AOTAdapterCaching",
                        "-XX:AOTCache=" + dir.resolve("svc.aot"),
                        "-Dmine=1",
                        "-jar",
                        dir.resolve("svc.jar").toString(),
                        "svc.conf");
    }

    @Test
    void onAnotherJdkOrWithoutACacheTheJvmKeepsAClassDataArchiveItWritesAtExit() throws Exception {
        release("21.0.9+10-LTS");
        Files.writeString(dir.resolve("svc.aot"), "");
        List<String> expected = List.of(
                "-Xmx256m",
                "-Dx=a b",
                "-XX:SharedArchiveFile=" + dir.resolve("svc.jsa"),
                "-XX:+AutoCreateSharedArchive",
                "-jar",
                dir.resolve("svc.jar").toString(),
                "svc.conf");
        assertThat(run("", "svc.conf")).isEqualTo(expected);

        release(TRAINED);
        Files.delete(dir.resolve("svc.aot"));
        assertThat(run("", "svc.conf")).isEqualTo(expected);
    }

    @Test
    void theHealthCheckRunsWithNeitherCacheNorArchiveSoThatItNeverWritesOne() throws Exception {
        release(TRAINED);
        Files.writeString(dir.resolve("svc.aot"), "");

        assertThat(run("", "--ready", "svc.conf"))
                .containsExactly(
                        "-Xmx256m", "-Dx=a b", "-jar", dir.resolve("svc.jar").toString(), "--ready", "svc.conf");
    }

    @Test
    void anOlderJavaThan21IsRefusedWithAMessageNamingIt() throws Exception {
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.2\"\nJAVA_RUNTIME_VERSION=\"17.0.2+8\"\n");

        Process process = start("", "svc.conf");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(out.strip())
                .isEqualTo("svc: Java 21 or later is needed, " + jdk.resolve("bin/java")
                        + " is Java 17 (set JAVA_HOME to a newer JDK)");
    }

    private void release(String runtimeVersion) throws IOException {
        Files.writeString(
                jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\n");
    }

    private List<String> run(String javaOpts, String... args) throws Exception {
        Process process = start(javaOpts, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private Process start(String javaOpts, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", dir.resolve("svc").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", jdk.toString());
        env.put("JAVA_OPTS", javaOpts);
        return builder.start();
    }
}
