package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.RequiresDockerEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Test JVMs that do not end normally: one interrupted (SIGTERM, as Ctrl-C or a CI timeout sends) removes its
 * services from its shutdown hook; one killed outright (SIGKILL) leaves them, and the next run's sweep removes them
 * while it leaves a live parallel run's alone.
 */
@RequiresDockerEngine
class InterruptCleanupIT {

    private static final long READY_SECONDS = 90;
    private final List<Child> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(c -> c.process.destroyForcibly());
    }

    @Test
    void interruptedJvm_removesItsServicesFromTheShutdownHook() throws Exception {
        Child child = start();
        assertThat(EngineResources.ofScope(child.cluster)).isGreaterThan(0);

        child.process.destroy();

        assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        assertThat(EngineResources.ofScope(child.cluster)).isZero();
    }

    @Test
    void killedJvm_isSweptByTheNextRun_whileALiveParallelRunIsLeftAlone() throws Exception {
        Child killed = start();
        Child parallel = start();
        killed.process.destroyForcibly();
        assertThat(killed.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(EngineResources.ofScope(killed.cluster)).as("no hook runs on SIGKILL").isGreaterThan(0);

        Child next = start();

        assertThat(EngineResources.ofScope(killed.cluster)).as("swept by the next run").isZero();
        assertThat(EngineResources.ofScope(parallel.cluster)).as("a live run is not swept").isGreaterThan(0);
        assertThat(EngineResources.ofScope(next.cluster)).isGreaterThan(0);
        for (Child c : List.of(parallel, next)) {
            c.process.destroy();
            assertThat(c.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(EngineResources.ofScope(c.cluster)).isZero();
        }
    }

    /** Starts a test JVM running {@link ChildRun} on this JVM's classpath and waits until its service is up. */
    private Child start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ChildRun.class.getName())
                .redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith(ChildRun.READY)) {
                        ready.complete(line.substring(ChildRun.READY.length()).strip());
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the child JVM ended before its service was up"));
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        Child child;
        try {
            child = new Child(process, ready.get(READY_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (output) {
                throw new AssertionError("child JVM did not report its service up; its output:\n" + output, e);
            }
        }
        children.add(child);
        return child;
    }

    private record Child(Process process, String cluster) {
    }
}
