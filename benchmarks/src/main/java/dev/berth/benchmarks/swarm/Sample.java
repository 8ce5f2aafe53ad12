package dev.berth.benchmarks.swarm;

import java.util.Optional;

/**
 * One measurement of one contender.
 *
 * @param seconds wall time from the request to the observed goal
 * @param dockerdCpu CPU seconds dockerd used meanwhile
 * @param containerdCpu CPU seconds containerd used meanwhile
 * @param jvmCpu CPU seconds this JVM (Berth and the harness's own observation) used meanwhile
 * @param heapMiB this JVM's used heap after a GC at the goal
 * @param client what the roll client saw; empty where no client ran
 */
record Sample(double seconds, double dockerdCpu, double containerdCpu, double jvmCpu, double heapMiB,
              Optional<ClientTotals> client) {

    /** @return this sample with what the roll client saw */
    Sample withClient(ClientTotals totals) {
        return new Sample(seconds, dockerdCpu, containerdCpu, jvmCpu, heapMiB, Optional.of(totals));
    }
}
