package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskPlacement;
import dev.berth.service.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The code of docs/placement.md, run on the in-memory backend, and the output that page shows. */
class PlacementDocsTest {

    @Test
    void plan_spreadsOverZones_onT3Only_andExplainsWhatDoesNotFit() throws IOException {
        InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());
        // tag::fleet[]
        backend.addInstance("prod", InMemoryBackend.instance("i-a1").cpu(2048).memoryMiB(1024)
                .attribute("ecs.availability-zone", "eu-west-1a").attribute("ecs.instance-type", "t3.small"));
        backend.addInstance("prod", InMemoryBackend.instance("i-b1").cpu(2048).memoryMiB(1024)
                .attribute("ecs.availability-zone", "eu-west-1b").attribute("ecs.instance-type", "t3.small"));
        backend.addInstance("prod", InMemoryBackend.instance("i-b2").cpu(2048).memoryMiB(4096)
                .attribute("ecs.availability-zone", "eu-west-1b").attribute("ecs.instance-type", "m5.large"));
        // end::fleet[]
        try (Berth berth = Berth.builder(backend).build()) {
            berth.taskDefinitions().register(TaskDefinition.builder("api")
                    .container(c -> c.name("api").image("berth-test/busybox:1").memoryMiB(256).portMapping(8080))
                    .build());
            Cluster prod = berth.clusters().create("prod");
            // tag::plan[]
            ServiceSpec api = ServiceSpec.builder("api", TaskDefinitionRef.latest("api"))
                    .desiredCount(10)
                    .placementStrategy(PlacementStrategy.spreadByAttribute("ecs.availability-zone"))
                    .placementStrategy(PlacementStrategy.binpack(Resource.MEMORY))
                    .placementConstraint(PlacementConstraint.memberOf("attribute:ecs.instance-type =~ t3.*"))
                    .build();
            PlacementResult plan = prod.services().plan(api);     // nothing starts
            plan.placements().forEach(p -> System.out.println(p.instanceId()));
            plan.failure().ifPresent(f -> System.out.println(f.explanation()));
            // end::plan[]

            Map<String, Long> perInstance = plan.placements().stream()
                    .collect(Collectors.groupingBy(TaskPlacement::instanceId, Collectors.counting()));
            assertThat(perInstance).containsExactlyInAnyOrderEntriesOf(Map.of("i-a1", 4L, "i-b1", 4L));
            String explanation = plan.failure().orElseThrow().explanation();
            assertThat(Files.readString(Path.of("../docs/placement.md"))).contains(explanation);
        }
    }
}
