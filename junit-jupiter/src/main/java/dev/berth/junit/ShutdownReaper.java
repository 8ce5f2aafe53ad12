package dev.berth.junit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes the services of every scope still open when the JVM shuts down (Ctrl-C, SIGTERM, an IDE's stop button,
 * {@code System.exit} in a test), so that an interrupted run leaves nothing behind. A JVM killed outright runs no
 * hook; the next run's sweep removes its leftovers ({@link BerthRuns#removeEndedRuns}).
 *
 * <p>Process-wide on purpose: there is one JVM shutdown, whatever the number of extensions.
 */
final class ShutdownReaper {

    private static final Set<ServiceGroup> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private ShutdownReaper() {
    }

    /** @param group a scope whose services are starting or running */
    static void register(ServiceGroup group) {
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ShutdownReaper::closeAll, "berth-junit-cleanup"));
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the scope's own clean-up is all that will run.
                HOOKED.set(false);
            }
        }
        OPEN.add(group);
    }

    /** @param group a scope whose services were removed */
    static void unregister(ServiceGroup group) {
        OPEN.remove(group);
    }

    private static void closeAll() {
        for (ServiceGroup group : List.copyOf(OPEN)) {
            try {
                group.close();
            } catch (RuntimeException e) {
                System.err.println("Berth: removing the services of " + group + " at JVM shutdown failed: "
                        + e.getMessage());
            }
        }
    }
}
