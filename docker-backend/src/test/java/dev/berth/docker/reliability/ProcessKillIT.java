package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.internal.DockerClients;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Berth process killed with {@code kill -9} at random points of rolling deployments: ten rounds, each rolling a
 * 3-replica service (minimumHealthyPercent 100, maximumPercent 150) to the next revision in a child JVM that is
 * killed after a random delay, then a new child JVM on the same state directory that must finish the roll. An
 * observer on the engine checks throughout that no task ever had its container created twice and that never more
 * than 4 tasks were live (started and not yet signalled to stop). Set {@code -Dberth.fault.seed=<seed>} to replay the kill points of a run.
 */
@RequiresDockerEngine
class ProcessKillIT {

    private static final int ROUNDS = 10;
    private static final int REPLICAS = 3;
    /** floor(3 x 150 %). */
    private static final int MAX_LIVE = 4;
    private static final DeploymentConfiguration ONE_AT_A_TIME = new DeploymentConfiguration(100, 150,
            DeploymentConfiguration.replicaDefaults().circuitBreaker());
    /**
     * Kill points fall between the child's first output (its JVM is up, Berth opening) and this long after, so that
     * on a slow machine too they spread over opening, adopting, deploying and rolling.
     */
    private static final int LONGEST_KILL_DELAY_MS = 7_000;

    private final String session = EngineTestBase.newSession("kill");
    private final DockerBackendConfig config = FaultBerths.config(session);

    @TempDir
    Path dir;

    @AfterEach
    void removeWhatTheTestCreated() {
        try (DockerClients clients = DockerClients.open(config)) {
            FaultBerths.removeSession(clients, session);
        }
    }

    @Test
    void berthKilledMidRoll_tenTimes_eachRollCompletes_noTaskStartsTwice_noServiceIsLost() {
        long seed = Long.getLong("berth.fault.seed", System.nanoTime());
        System.out.println("ProcessKillIT seed " + seed + " (replay with -Dberth.fault.seed=" + seed + ")");
        Random random = new Random(seed);
        Path state = dir.resolve("state");
        String cluster = session;
        List<RegisteredTaskDefinition> revisions = new ArrayList<>();
        int killsMidRoll = 0;
        Instant started = Instant.now();
        try (DockerClients clients = DockerClients.open(config);
             ContainerLedger ledger = new ContainerLedger(clients, session, MAX_LIVE)) {
            try (Berth berth = FaultBerths.open(config, state)) {
                for (int v = 0; v <= ROUNDS; v++) {
                    revisions.add(berth.taskDefinitions().register(FaultBerths.sleeper("fault-kill", "v" + v)));
                }
                Service web = berth.clusters().create(cluster).services().create(ServiceSpec.builder("web",
                        revisions.get(0).ref()).desiredCount(REPLICAS).deploymentConfiguration(ONE_AT_A_TIME).build());
                FaultBerths.awaitTrue("3 tasks of v0", Duration.ofMinutes(1),
                        () -> FaultBerths.settled(web, revisions.get(0).arn(), REPLICAS));
            }
            for (int round = 1; round <= ROUNDS; round++) {
                String target = revisions.get(round).ref().toString();
                String[] args = {state.toString(), session, cluster, "web", target};
                int killAfterMs = random.nextInt(LONGEST_KILL_DELAY_MS);
                try (ChildJvm killed = ChildJvm.start(RollingDeployer.class, dir.resolve(round + "-killed.log"),
                        args)) {
                    FaultBerths.awaitTrue("the child JVM's first output", Duration.ofMinutes(1),
                            () -> !killed.output().isEmpty() || !killed.isAlive());
                    FaultBerths.sleep(Duration.ofMillis(killAfterMs));
                    boolean alive = killed.isAlive();
                    killed.kill();
                    String when = !alive ? "after it finished"
                            : killed.output().contains("deploying") ? "mid-roll" : "before its deploy call";
                    killsMidRoll += when.equals("mid-roll") ? 1 : 0;
                    System.out.printf("round %d: kill -9 %d ms after its first output (%s)%n", round, killAfterMs, when);
                }
                try (ChildJvm next = ChildJvm.start(RollingDeployer.class, dir.resolve(round + "-next.log"), args)) {
                    int exit = next.await(Duration.ofMinutes(2));
                    assertThat(exit).as("exit code of the process after the kill; its output:\n%s", next.output())
                            .isZero();
                    assertThat(next.output()).contains(RollingDeployer.COMPLETED);
                }
            }
            ledger.stop();
            System.out.printf("ProcessKillIT: %d rounds, %d kill -9 mid-roll, %d s; %d task containers created, %d"
                            + " engine events, at most %d tasks live; duplicates=%d, over the limit=%d%n", ROUNDS,
                    killsMidRoll, Duration.between(started, Instant.now()).toSeconds(), ledger.containersSeen(),
                    ledger.events(), ledger.mostLive(), ledger.duplicates().size(), ledger.overLimit().size());
            assertThat(ledger.duplicates()).as("task containers created more than once").isEmpty();
            assertThat(ledger.overLimit()).as("moments with more than %d tasks live", MAX_LIVE).isEmpty();
        }

        try (Berth berth = FaultBerths.open(config, state)) {
            Service web = berth.clusters().get(cluster).orElseThrow().services().get("web")
                    .orElseThrow(() -> new AssertionError("the service was lost"));
            RegisteredTaskDefinition last = revisions.get(ROUNDS);
            assertThat(web.describe().spec().taskDefinition()).isEqualTo(last.ref());
            assertThat(web.describe().desiredCount()).isEqualTo(REPLICAS);
            FaultBerths.awaitTrue("the last revision steady", Duration.ofSeconds(30),
                    () -> FaultBerths.settled(web, last.arn(), REPLICAS));
        }
    }
}
