package dev.berth.benchmarks.swarm;

import java.util.List;

/**
 * What the roll client saw during one roll.
 *
 * @param requests requests sent
 * @param failed requests that got no 200
 * @param fewestServing the fewest tasks that answered in one complete round
 * @param latencyMillis every request's time from sending to its answer or failure, in sending order
 */
record ClientTotals(int requests, int failed, int fewestServing, List<Integer> latencyMillis) {

    ClientTotals {
        latencyMillis = List.copyOf(latencyMillis);
    }
}
