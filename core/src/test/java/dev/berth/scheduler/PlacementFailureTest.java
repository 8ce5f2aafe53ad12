package dev.berth.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.InstanceRejection;
import dev.berth.model.PlacementFailure;
import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messages of a failure a backend reported itself: some naming instances, some naming none. */
class PlacementFailureTest {

    private final InstanceRejection memory = new InstanceRejection("arn:i-1",
            List.of(new Rejection(RejectionReason.RESOURCE_MEMORY, "")));

    @Test
    void explanation_withInstancesAndOtherReasons_namesBoth() {
        PlacementFailure failure = new PlacementFailure("family:job", 2, List.of(memory),
                List.of("LOCATION arn:i-2"));

        assertThat(failure.explanation()).isEqualTo("2 tasks of group family:job could not be placed: none of the 1"
                + " container instances meets all requirements. Blocking (instances): RESOURCE:MEMORY 1."
                + " Also: LOCATION arn:i-2.");
    }

    @Test
    void messages_withOnlyOtherReasons_quoteTheBackend() {
        PlacementFailure failure = new PlacementFailure("family:job", 1, List.of(),
                List.of("Capacity is unavailable at this time"));

        assertThat(failure.explanation())
                .isEqualTo("1 task of group family:job could not be placed: Capacity is unavailable at this time.");
        assertThat(failure.ecsMessage("web")).endsWith("requirements. Reason: Capacity is unavailable at this time.");
    }
}
