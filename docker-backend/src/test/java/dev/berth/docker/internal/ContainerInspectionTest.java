package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Protocol;
import dev.berth.task.HealthCheckRun;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Inspections as Docker 20.10 answers them (taken from the engine, shortened), read into observations. */
class ContainerInspectionTest {

    /** A running container with a failing health check, a published port and a stop signal of its own. */
    private static final String RUNNING = """
            {"Id": "cebc10d0d352", "Created": "2026-12-08T02:40:28.562963415Z", "Path": "sleep", "Args": ["30"],
             "State": {"Status": "running", "Running": true, "Paused": false, "Restarting": false,
               "OOMKilled": false, "Dead": false, "Pid": 24298, "ExitCode": 0, "Error": "",
               "StartedAt": "2026-12-08T02:40:29.190689927Z", "FinishedAt": "0001-01-01T00:00:00Z",
               "Health": {"Status": "starting", "FailingStreak": 2, "Log": [
                 {"Start": "2026-12-08T02:40:31.285957117Z", "End": "2026-12-08T02:40:31.382788979Z",
                  "ExitCode": 3, "Output": "second"},
                 {"Start": "2026-12-08T02:40:30.191661206Z", "End": "2026-12-08T02:40:30.278071864Z",
                  "ExitCode": 3, "Output": ""}]}},
             "Image": "sha256:0b1c", "Name": "/berth-t1-web", "RestartCount": 0,
             "HostConfig": {"NetworkMode": "default", "PortBindings": {"8080/tcp": [{"HostIp": "127.0.0.1",
               "HostPort": ""}]}, "RestartPolicy": {"Name": "no", "MaximumRetryCount": 0}, "Memory": 16777216,
               "Ulimits": null, "Devices": [], "LogConfig": {"Type": "json-file", "Config": {}}},
             "GraphDriver": {"Data": {"LowerDir": "/var/lib/docker/overlay2/x/diff"}, "Name": "overlay2"},
             "Mounts": [],
             "Config": {"Hostname": "cebc10d0d352", "ExposedPorts": {"8080/tcp": {}}, "Env": ["PATH=/bin"],
               "Cmd": ["sleep", "30"], "Healthcheck": {"Test": ["CMD-SHELL", "exit 3"], "Interval": 1000000000},
               "Labels": {"dev.berth.container": "web", "dev.berth.essential": "true",
                 "dev.berth.dependency-level": "1"}, "StopSignal": "SIGQUIT"},
             "NetworkSettings": {"Bridge": "", "Ports": {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "32768"}],
               "9090/udp": null}, "Networks": {"bridge": {"IPAddress": "172.17.0.2", "Aliases": null}}}}
            """;

    /** An exited container the kernel killed for its memory, in host mode, never healthy-checked. */
    private static final String OOM_KILLED = """
            {"Id": "4a5b", "Name": "/berth-t2-app",
             "State": {"Status": "exited", "Running": false, "Paused": false, "Restarting": false,
               "OOMKilled": true, "Dead": false, "Pid": 0, "ExitCode": 137, "Error": "",
               "StartedAt": "2026-12-08T02:40:29.190689927Z", "FinishedAt": "2026-12-08T02:41:00.5Z"},
             "HostConfig": {"NetworkMode": "host"},
             "Config": {"ExposedPorts": {"9000/udp": {}, "80/tcp": {}}, "Labels": {"dev.berth.container": "app"}},
             "NetworkSettings": {"Ports": {}}}
            """;

    @Test
    void toObservation_runningContainer_readsStateHealthRunsPortsAndLabels() throws IOException {
        ContainerInspection r = parse(RUNNING);

        ContainerObservation c = TaskObserver.toObservation(r);

        assertThat(c.name()).isEqualTo("web");
        assertThat(c.containerId()).isEqualTo("cebc10d0d352");
        assertThat(c.essential()).isTrue();
        assertThat(c.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(c.health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(c.exitCode()).isEqualTo(OptionalInt.empty());
        assertThat(c.ports()).containsExactly(new NetworkBinding(8080, 32768, Protocol.TCP, "127.0.0.1"));
        assertThat(c.startedAt()).contains(Instant.parse("2026-12-08T02:40:29.190689927Z"));
        assertThat(c.finishedAt()).isEmpty();
        assertThat(c.healthChecks()).extracting(HealthCheckRun::output).containsExactly("", "second");
        assertThat(r.isRunning()).isTrue();
        assertThat(r.config().stopSignal()).isEqualTo("SIGQUIT");
        assertThat(r.labels()).containsEntry(Labels.DEPENDENCY_LEVEL, "1");
    }

    @Test
    void toObservation_oomKilledHostModeContainer_readsExitReasonAndTheHostsPorts() throws IOException {
        ContainerInspection r = parse(OOM_KILLED);

        ContainerObservation c = TaskObserver.toObservation(r);

        assertThat(c.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(c.exitCode()).isEqualTo(OptionalInt.of(137));
        assertThat(c.reason()).isEqualTo(Optional.of("OutOfMemoryError: Container killed due to memory usage"));
        assertThat(c.finishedAt()).contains(Instant.parse("2026-12-08T02:41:00.5Z"));
        assertThat(c.ports()).containsExactlyInAnyOrder(new NetworkBinding(80, 80, Protocol.TCP, "0.0.0.0"),
                new NetworkBinding(9000, 9000, Protocol.UDP, "0.0.0.0"));
        assertThat(c.hasHealthCheck()).isFalse();
        assertThat(c.healthChecks()).isEqualTo(List.of());
        assertThat(r.isRunning()).isFalse();
        assertThat(r.config().stopSignal()).isNull();
    }

    private static ContainerInspection parse(String json) throws IOException {
        return ContainerInspection.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
