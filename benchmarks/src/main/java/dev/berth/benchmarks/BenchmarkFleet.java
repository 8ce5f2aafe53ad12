package dev.berth.benchmarks;

import dev.berth.scheduler.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A synthetic EC2 fleet: three zones, four instance types of mixed sizes, seeded so every run is the same. */
final class BenchmarkFleet {

    private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
    private static final String[] TYPES = {"m5.large", "m5.xlarge", "m5.2xlarge", "c5.xlarge"};
    private static final int[] CPU = {2048, 4096, 8192, 4096};
    private static final int[] MEMORY = {8192, 16384, 32768, 8192};

    private BenchmarkFleet() {
    }

    static List<InstanceState> of(int size) {
        SplittableRandom random = new SplittableRandom(42);
        List<InstanceState> fleet = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int type = random.nextInt(TYPES.length);
            fleet.add(InstanceState.builder("ci-" + i, CPU[type], MEMORY[type])
                    .availabilityZone(ZONES[i % ZONES.length])
                    .instanceType(TYPES[type])
                    .attribute("ecs.os-type", "linux")
                    .ec2InstanceId(String.format("i-%017x", i))
                    .build());
        }
        return fleet;
    }
}
