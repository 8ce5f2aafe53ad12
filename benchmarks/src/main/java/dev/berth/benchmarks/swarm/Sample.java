package dev.berth.benchmarks.swarm;

/**
 * One measurement of one contender.
 *
 * @param seconds wall time from the request to the observed goal
 * @param dockerdCpu CPU seconds dockerd used meanwhile
 * @param containerdCpu CPU seconds containerd used meanwhile
 * @param jvmCpu CPU seconds this JVM (Berth and the harness's own observation) used meanwhile
 * @param heapMiB this JVM's used heap after a GC at the goal
 * @param requests client requests sent during a roll; 0 elsewhere
 * @param failed client requests that failed
 * @param fewestServing the fewest containers that answered in one client round; -1 where no client ran
 */
record Sample(double seconds, double dockerdCpu, double containerdCpu, double jvmCpu, double heapMiB, int requests,
              int failed, int fewestServing) {

    /** @return this sample with the client's totals */
    Sample withClient(int[] totals) {
        return new Sample(seconds, dockerdCpu, containerdCpu, jvmCpu, heapMiB, totals[0], totals[1], totals[2]);
    }
}
