package dev.berth.docker.reliability;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Berth process of {@link ProcessKillIT}, run in a child JVM: opens a Berth on the Docker engine over a state
 * directory, rolls the service to a revision (unless an earlier process already did) and exits once that
 * deployment completed. Arguments: state directory, session label, cluster, service, revision
 * ({@code family:revision}).
 */
public final class RollingDeployer {

    /** Printed once the deployment completed, before the process exits 0. */
    static final String COMPLETED = "deployment completed";

    private RollingDeployer() {
    }

    /** @param args state directory, session label, cluster, service, revision */
    public static void main(String[] args) {
        Path state = Path.of(args[0]);
        try (Berth berth = FaultBerths.open(FaultBerths.config(args[1]), state)) {
            Service service = berth.clusters().get(args[2]).orElseThrow().services().get(args[3]).orElseThrow();
            RegisteredTaskDefinition target = berth.taskDefinitions().describe(TaskDefinitionRef.parse(args[4]));
            int desired = service.describe().desiredCount();
            if (!service.describe().spec().taskDefinition().equals(target.ref())) {
                service.deploy(target.ref());
                System.out.println("deploying " + target.arn());
            } else {
                System.out.println("resuming the deployment of " + target.arn());
            }
            FaultBerths.awaitTrue("the deployment of " + target.arn(), Duration.ofMinutes(2),
                    () -> FaultBerths.settled(service, target.arn(), desired));
            System.out.println(COMPLETED);
        }
    }
}
