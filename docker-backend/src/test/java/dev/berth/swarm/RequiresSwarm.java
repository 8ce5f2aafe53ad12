package dev.berth.swarm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where the real three-node test swarm runs or can be started ({@link SwarmTestBed}: root,
 * dockerd, ip and nsenter, and the test images on the main engine). Otherwise the class is skipped with the reason,
 * or fails when {@code -Drequire.docker=true} (CI), since then a swarm must be there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresSwarm.Condition.class)
public @interface RequiresSwarm {

    /** The condition behind the annotation; the bed is looked for (and started) once per test run. */
    final class Condition implements ExecutionCondition {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(RequiresSwarm.class);

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String failure = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent("swarm", key -> discover(), String.class);
            if (failure.isEmpty()) {
                return ConditionEvaluationResult.enabled("the test swarm runs");
            }
            if (Boolean.getBoolean("require.docker")) {
                throw new IllegalStateException("require.docker=true but the test swarm cannot run: " + failure);
            }
            return ConditionEvaluationResult.disabled("The test swarm cannot run, so the Swarm integration tests are"
                    + " skipped (set -Drequire.docker=true to make this a failure): " + failure);
        }

        private static String discover() {
            try {
                SwarmTestBed.get();
                return "";
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }
    }
}
