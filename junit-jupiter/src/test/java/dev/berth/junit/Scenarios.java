package dev.berth.junit;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs {@link Scenario} classes in this JVM with JUnit's test kit. */
final class Scenarios {

    private Scenarios() {
    }

    /** @return the scenario classes' results */
    static EngineExecutionResults run(Class<?>... scenarios) {
        return kit(scenarios).execute();
    }

    /** @return the test kit's builder for the scenarios, to add configuration */
    static EngineTestKit.Builder kit(Class<?>... scenarios) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Scenario.PARAMETER, "true");
        for (Class<?> scenario : scenarios) {
            kit = kit.selectors(DiscoverySelectors.selectClass(scenario));
        }
        return kit;
    }
}
