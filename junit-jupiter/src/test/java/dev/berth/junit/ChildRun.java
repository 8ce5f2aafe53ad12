package dev.berth.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A test JVM that InterruptCleanupIT starts and then interrupts or kills: it runs {@link Holding} through the JUnit
 * launcher, whose service prints {@code BERTH-READY <cluster>} once it is up and then holds it.
 */
public final class ChildRun {

    /** Printed with the scope's cluster once the service is up. */
    static final String READY = "BERTH-READY ";

    private ChildRun() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Holding.class))
                .configurationParameter(Scenario.PARAMETER, "true").build());
    }

    /** Holds a service until the JVM is interrupted or killed. */
    @Scenario
    @BerthService(name = "web", taskDefinition = "classpath:web-task.json")
    static class Holding {

        @Test
        void holds(BerthServiceHandle web) throws InterruptedException {
            System.out.println(READY + web.cluster().name());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
