package dev.berth.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Failure;

/** RunTask's failures as Berth's placement failure; moto returns none, so only these cases show the mapping. */
class RunTaskFailuresTest {

    private static final String INSTANCE = "arn:aws:ecs:eu-west-1:1:container-instance/c/ci1";

    @Test
    void of_whenEveryTaskStarted_isEmpty_evenWithFailures() {
        assertThat(RunTaskFailures.of("g", 0, List.of(Failure.builder().arn(INSTANCE).reason("AGENT").build())))
                .isEmpty();
    }

    @Test
    void of_groupsPlacementCodesByInstance_andKeepsOtherFailuresInEcsWords() {
        var failure = RunTaskFailures.of("g", 2, List.of(
                Failure.builder().arn(INSTANCE).reason("RESOURCE:CPU").build(),
                Failure.builder().arn(INSTANCE).reason("RESOURCE:MEMORY").detail("needs 512").build(),
                Failure.builder().arn(INSTANCE.replace("ci1", "ci2")).reason("LOCATION").build(),
                Failure.builder().reason("Capacity is unavailable at this time").build())).orElseThrow();

        assertThat(failure.unplacedCount()).isEqualTo(2);
        assertThat(failure.instances()).singleElement().satisfies(i -> {
            assertThat(i.instanceId()).isEqualTo(INSTANCE);
            assertThat(i.rejections()).containsExactly(new Rejection(RejectionReason.RESOURCE_CPU, ""),
                    new Rejection(RejectionReason.RESOURCE_MEMORY, "needs 512"));
        });
        assertThat(failure.otherReasons()).containsExactly("LOCATION " + INSTANCE.replace("ci1", "ci2"),
                "Capacity is unavailable at this time");
    }

    @Test
    void of_whenTasksAreMissingWithoutAFailure_saysSo() {
        // moto's RunTask drops what does not fit without a failure (moto/ecs/models.py run_task).
        assertThat(RunTaskFailures.of("g", 3, List.of()).orElseThrow().otherReasons())
                .containsExactly("ECS did not start 3 tasks and gave no reason");
    }
}
