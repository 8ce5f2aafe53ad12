package dev.berth.docker;

import dev.berth.exception.BackendUnavailableException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated tests only when a Docker engine answers ({@link DockerBackendConfig#fromEnvironment()}).
 * Without one they are skipped with the reason, unless the system property {@code require.docker} is
 * {@code true} (CI): then they fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDockerEngine.Condition.class)
public @interface RequiresDockerEngine {

    /** The condition behind the annotation; the engine is looked for once per test run. */
    final class Condition implements ExecutionCondition {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(RequiresDockerEngine.class);

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String failure = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent("engine", key -> discover(), String.class);
            if (failure.isEmpty()) {
                return ConditionEvaluationResult.enabled("a Docker engine answers");
            }
            if (Boolean.getBoolean("require.docker")) {
                throw new IllegalStateException("require.docker=true but no Docker engine answers: " + failure);
            }
            return ConditionEvaluationResult.disabled("No Docker engine answers, so the Docker integration tests are"
                    + " skipped (set -Drequire.docker=true to make this a failure): " + failure);
        }

        private static String discover() {
            try {
                DockerBackendConfig.fromEnvironment();
                return "";
            } catch (BackendUnavailableException e) {
                return e.getMessage();
            }
        }
    }
}
