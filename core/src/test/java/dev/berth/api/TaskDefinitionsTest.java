package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.TaskDefinitionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Revisions, statuses and lookups with ECS's rules, and ECS's registration quota. */
class TaskDefinitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final TaskDefinitions store =
            TaskDefinitions.inMemory(Clock.fixed(NOW, ZoneOffset.UTC), new ArnScope("aws", "eu-west-1", "123456789012"));

    private static TaskDefinition web() {
        return TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .build();
    }

    private static TaskDefinitionRef ref(String text) {
        return TaskDefinitionRef.parse(text);
    }

    @Test
    void register_whenJsonFormIsOver64KiB_isRejected() {
        TaskDefinition huge = withSidecarCommandOf(70_000);

        assertThatThrownBy(() -> store.register(huge)).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEmpty();
                assertThat(problem.rule()).isEqualTo("taskDefinition.size");
                assertThat(problem.message()).contains("at most 65536");
            });
        });
        assertThat(store.list("", TaskDefinitionStatus.ACTIVE)).as("nothing registered").isEmpty();
    }

    @Test
    void register_whenJsonFormIsJustUnder64KiB_isAccepted() {
        assertThat(store.register(withSidecarCommandOf(64_000)).revision()).isEqualTo(1);
    }

    private static TaskDefinition withSidecarCommandOf(int characters) {
        return web().toBuilder()
                .container(c -> c.name("sidecar").image("busybox:stable").memoryMiB(64)
                        .command("sh", "-c", "x".repeat(characters)))
                .build();
    }

    @Test
    void register_whenFamilyIsNew_startsAtRevisionOneAndCountsUp() {
        RegisteredTaskDefinition first = store.register(web());
        RegisteredTaskDefinition second = store.register(web());

        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.arn()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:2");
        assertThat(second.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(second.registeredAt()).isEqualTo(NOW);
        assertThat(second.definition()).isEqualTo(web());
    }

    @Test
    void register_afterDeregisterAndDelete_neverReusesANumber() {
        store.register(web());
        store.register(web());
        store.deregister(ref("web:2"));
        store.delete(List.of(ref("web:2")));

        assertThat(store.register(web()).revision()).isEqualTo(3);
    }

    @Test
    void describe_whenFamilyOnly_resolvesLatestActiveRevision() {
        store.register(web());
        store.register(web());
        store.register(web());
        store.deregister(ref("web:3"));

        assertThat(store.describe("web").revision()).isEqualTo(2);
        assertThat(store.describe("web:3").status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(store.describe("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1").revision()).isEqualTo(1);
    }

    @Test
    void describe_whenNoRevisionIsActive_failsNamingTheFamily() {
        store.register(web());
        store.deregister(ref("web:1"));

        assertThatThrownBy(() -> store.describe("web"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("'web' has no ACTIVE revision");
    }

    @Test
    void describe_whenMissing_failsWithResourceNotFound() {
        store.register(web());

        assertThatThrownBy(() -> store.describe("api")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("'api' is not registered");
        assertThatThrownBy(() -> store.describe("web:7")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("web:7 does not exist").hasMessageContaining("latest revision is 1");
    }

    @Test
    void resolveForLaunch_whenInactive_isRefused() {
        store.register(web());
        store.deregister(ref("web:1"));

        assertThatThrownBy(() -> store.resolveForLaunch(ref("web:1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("web:1 is INACTIVE and cannot start new tasks");
    }

    @Test
    void resolveForLaunch_whenActive_returnsTheRevision() {
        store.register(web());

        assertThat(store.resolveForLaunch(ref("web")).revision()).isEqualTo(1);
    }

    @Test
    void deregister_records_timeAndIsIdempotent() {
        store.register(web());

        RegisteredTaskDefinition inactive = store.deregister(ref("web:1"));

        assertThat(inactive.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(inactive.deregisteredAt()).contains(NOW);
        assertThat(store.deregister(ref("web:1"))).isEqualTo(inactive);
    }

    @Test
    void deregister_withoutRevision_isRejectedAsECSDoes() {
        store.register(web());

        assertThatThrownBy(() -> store.deregister(ref("web")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("A revision is required");
    }

    @Test
    void delete_whenOneRevisionIsActive_changesNothing() {
        store.register(web());
        store.register(web());
        store.deregister(ref("web:1"));

        assertThatThrownBy(() -> store.delete(List.of(ref("web:1"), ref("web:2"))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("web:2 is ACTIVE");
        assertThat(store.describe("web:1").status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
    }

    @Test
    void delete_whenInactive_marksDeleteInProgress() {
        store.register(web());
        store.deregister(ref("web:1"));

        List<RegisteredTaskDefinition> deleted = store.delete(List.of(ref("web:1")));

        assertThat(deleted).extracting(RegisteredTaskDefinition::status)
                .containsExactly(TaskDefinitionStatus.DELETE_IN_PROGRESS);
        assertThatThrownBy(() -> store.deregister(ref("web:1"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void delete_whenMoreThanTen_isRejected() {
        List<TaskDefinitionRef> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> TaskDefinitionRef.of("web", i)).toList();

        assertThatThrownBy(() -> store.delete(eleven))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("At most 10");
    }

    @Test
    void list_filtersByPrefixAndStatus_inFamilyThenRevisionOrder() {
        store.register(web());
        store.register(web().toBuilder().family("worker").build());
        store.register(web());
        store.register(web().toBuilder().family("api").build());
        store.deregister(ref("web:1"));

        assertThat(store.list("", TaskDefinitionStatus.ACTIVE)).extracting(r -> r.ref().toString())
                .containsExactly("api:1", "web:2", "worker:1");
        assertThat(store.list("w", TaskDefinitionStatus.INACTIVE)).extracting(r -> r.ref().toString())
                .containsExactly("web:1");
        assertThat(store.activeFamilies("w")).containsExactly("web", "worker");
    }

    @Test
    void register_underConcurrency_givesEveryCallItsOwnRevision() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                futures.add(pool.submit(() -> store.register(web()).revision()));
            }
            List<Integer> revisions = new ArrayList<>();
            for (Future<Integer> future : futures) {
                revisions.add(future.get(30, TimeUnit.SECONDS));
            }
            Collections.sort(revisions);
            assertThat(revisions).isEqualTo(IntStream.rangeClosed(1, 2_000).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }
}
