package dev.berth.benchmarks.swarm;

import java.time.Duration;

/**
 * Swarm mode for the length of a run: initialised on loopback only if the engine is not already a Swarm node,
 * and then left again (with the {@code docker_gwbridge} network it created), so that the engine ends as it began.
 */
final class SwarmMode implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final String GATEWAY_BRIDGE = "docker_gwbridge";

    private final boolean initialisedHere;
    private final boolean gatewayBridgeExisted;
    private boolean closed;

    private SwarmMode(boolean initialisedHere, boolean gatewayBridgeExisted) {
        this.initialisedHere = initialisedHere;
        this.gatewayBridgeExisted = gatewayBridgeExisted;
    }

    /**
     * @return the engine in Swarm mode, initialised here if it was inactive
     * @throws IllegalStateException if the engine is in a Swarm state other than active or inactive
     */
    static SwarmMode ensureActive() {
        String state = Engine.docker(TIMEOUT, "info", "--format", "{{.Swarm.LocalNodeState}}");
        if (state.equals("active")) {
            return new SwarmMode(false, true);
        }
        if (!state.equals("inactive")) {
            throw new IllegalStateException("The engine's Swarm state is '" + state + "'; the harness needs it"
                    + " active or inactive");
        }
        boolean bridgeExisted = !Engine.docker(TIMEOUT, "network", "ls", "-q", "--filter",
                "name=^" + GATEWAY_BRIDGE + "$").isBlank();
        Engine.docker(TIMEOUT, "swarm", "init", "--advertise-addr", "127.0.0.1");
        return new SwarmMode(true, bridgeExisted);
    }

    /** @return a handle that leaves the engine's Swarm state alone: for runs without the Swarm contender */
    static SwarmMode untouched() {
        return new SwarmMode(false, true);
    }

    /** @return whether this run made the engine a Swarm node */
    boolean initialisedHere() {
        return initialisedHere;
    }

    /** Leaves the Swarm if this run initialised it. */
    @Override
    public synchronized void close() {
        if (closed || !initialisedHere) {
            return;
        }
        closed = true;
        Engine.docker(TIMEOUT, "swarm", "leave", "--force");
        if (!gatewayBridgeExisted) {
            Engine.docker(TIMEOUT, "network", "rm", GATEWAY_BRIDGE);
        }
    }
}
