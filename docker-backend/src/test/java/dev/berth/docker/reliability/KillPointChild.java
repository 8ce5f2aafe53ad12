package dev.berth.docker.reliability;

import dev.berth.api.Berth;
import dev.berth.docker.DockerBackendConfig;
import java.net.URI;
import java.nio.file.Path;

/**
 * The Berth process of {@link KillPointSweepIT}, run in a child JVM: opens a Berth over a state directory on an
 * engine endpoint (the fault proxy's) and runs one {@link KillPointScenario}'s operation to its end. Arguments: state
 * directory, session label, engine endpoint, scenario, cluster.
 */
public final class KillPointChild {

    /** Printed once the operation reached its end, before the process exits 0. */
    static final String DONE = "operation done";

    private KillPointChild() {
    }

    /** @param args state directory, session label, engine endpoint, scenario, cluster */
    public static void main(String[] args) {
        DockerBackendConfig engine = DockerBackendConfig.builder().dockerHost(URI.create(args[2])).build();
        try (Berth berth = FaultBerths.open(FaultBerths.config(engine, args[1]), Path.of(args[0]))) {
            System.out.println("operating " + args[3]);
            KillPointScenario.valueOf(args[3]).operate(berth, args[4]);
            System.out.println(DONE);
        }
    }
}
