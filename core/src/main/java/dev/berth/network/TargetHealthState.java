package dev.berth.network;

/** A registered target's state, as ELB's DescribeTargetHealth reports it. */
public enum TargetHealthState {
    /** Registered; its first health checks are still running. */
    INITIAL,
    /** It passed the healthy threshold of checks in a row: new connections go to it. */
    HEALTHY,
    /** It failed the unhealthy threshold of checks in a row: no new connections go to it (unless none is healthy). */
    UNHEALTHY,
    /** Deregistered: no new connections; its open connections may finish until the deregistration delay ends. */
    DRAINING;

    /** @return ELB's spelling, e.g. {@code healthy} */
    public String elbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
