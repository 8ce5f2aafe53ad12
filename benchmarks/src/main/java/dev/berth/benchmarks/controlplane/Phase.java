package dev.berth.benchmarks.controlplane;

/** The measured phases, in the order they run. */
enum Phase {
    /** Every service (Deployment) created at once, until all their tasks (pods) run. */
    CREATE("create, to all running"),
    /** A new revision of every service at once, until every task runs the new one and no old one is left. */
    DEPLOY("deploy, to all rolled"),
    /** Every service scaled to zero at once, until no task is left. */
    SCALE_IN("scale-in, to zero");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** @return how the result table names the phase */
    String label() {
        return label;
    }
}
