package dev.berth.swarm.internal;

import java.security.SecureRandom;

/** Ids of Swarm-managed deployments, in ECS's style: {@code swarm-svc/} and 19 digits. */
final class DeploymentIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeploymentIds() {
    }

    static String next() {
        long digits = 1_000_000_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 8_000_000_000_000_000_000L);
        return "swarm-svc/" + digits;
    }
}
