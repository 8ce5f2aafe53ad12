package dev.berth.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.testing.TaskDefinitionArbitraries;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** ECS JSON round trips over generated valid task definitions covering every modelled field. */
class EcsTaskDefinitionJsonProperties {

    private final EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();

    @Property(tries = 500)
    void read_ofWrite_givesTheSameDefinition(@ForAll("taskDefinitions") TaskDefinition td) {
        String written = json.write(td);

        assertThat(json.read(written)).isEqualTo(td);
        assertThat(json.write(json.read(written))).isEqualTo(written);
    }

    @Property(tries = 200)
    void readRegistered_ofWriteRegistered_givesTheSameRevision(@ForAll("taskDefinitions") TaskDefinition td) {
        RegisteredTaskDefinition registered = new RegisteredTaskDefinition(
                ArnScope.local().taskDefinitionArn(td.family(), 7), 7, TaskDefinitionStatus.INACTIVE, td,
                Instant.parse("2026-11-26T10:15:30Z"), Optional.of(Instant.parse("2026-11-26T11:00:00Z")));

        assertThat(json.readRegistered(json.writeRegistered(registered))).isEqualTo(registered);
    }

    @Provide
    Arbitrary<TaskDefinition> taskDefinitions() {
        return TaskDefinitionArbitraries.taskDefinitions();
    }
}
