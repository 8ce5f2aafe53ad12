package dev.berth.aws;

import dev.berth.model.Compatibility;
import dev.berth.model.NetworkMode;
import dev.berth.model.TaskDefinition;
import dev.berth.testing.TaskDefinitionArbitraries;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated definitions that use every field of the model, registered with moto over HTTP and described back: equal
 * to what was registered, and the request on the wire carries every field (as {@link AwsTaskDefinitionFieldsIT}
 * checks it). Skipped (or, in CI, failed) without a moto server, as {@link RequiresMoto} decides.
 */
@AddLifecycleHook(RequiresMoto.Hook.class)
class AwsTaskDefinitionRoundTripPropertiesIT {

    private static MotoEcs moto;
    private static final RequestCapture REQUESTS = new RequestCapture();
    private static AwsBackend backend;

    @BeforeContainer
    static void connect() {
        moto = new MotoEcs();
        backend = AwsTaskDefinitionFieldsIT.backend(moto, REQUESTS);
    }

    @AfterContainer
    static void close() {
        if (backend != null) {
            backend.close();
            moto.close();
        }
    }

    @Property(tries = 40)
    void generated_registeredAndDescribed_isEqual(@ForAll("definitions") TaskDefinition generated) {
        AwsTaskDefinitionFieldsIT.assertRoundTrip(backend, REQUESTS, generated.toBuilder().family(moto.unique("gen")).build());
    }

    /**
     * Every generated definition but those moto 5.2.1 changes: for {@code requiresCompatibilities} other than none or
     * {@code EC2} (e.g. {@code EXTERNAL}) it answers with compatibilities EC2 and FARGATE and network mode
     * {@code awsvpc}, whatever was registered (moto/ecs/models.py, {@code TaskDefinition.__init__}); ECS keeps them.
     * And those moto refuses where ECS does not: with {@code requiresCompatibilities} EC2 and no task memory, moto
     * wants {@code memory} on every container ({@code _validate_container_defs}), while ECS takes a container with
     * {@code memoryReservation} only (the ContainerDefinition reference: "you must specify a non-zero integer for one
     * or both of memory or memoryReservation").
     */
    @Provide
    Arbitrary<TaskDefinition> definitions() {
        return TaskDefinitionArbitraries.taskDefinitions()
                .filter(td -> td.networkMode() == NetworkMode.AWSVPC || td.requiresCompatibilities().isEmpty()
                        || td.requiresCompatibilities().equals(Set.of(Compatibility.EC2)))
                .filter(td -> !td.requiresCompatibilities().contains(Compatibility.EC2) || td.memoryMiB().isPresent()
                        || td.containerDefinitions().stream().allMatch(c -> c.memoryMiB().isPresent()));
    }
}
