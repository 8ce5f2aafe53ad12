package dev.berth.docker.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated tests only when a real registry is found ({@link TestRegistry#shared()}): one per test JVM, shared
 * by every class. Without one they are skipped with every attempt listed, unless {@code CI=true} or the system
 * property {@code require.docker} is {@code true}: then they fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRegistry.Condition.class)
public @interface RequiresRegistry {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            TestRegistry.Result result = TestRegistry.shared();
            if (result.registry().isPresent()) {
                return ConditionEvaluationResult.enabled("a registry answers on " + result.registry().get().endpoint());
            }
            String why = "No registry for the registry integration tests. Tried: " + result.attempts();
            if (Boolean.getBoolean("require.docker") || "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + " (CI=true or require.docker=true makes this a failure)");
            }
            return ConditionEvaluationResult.disabled(why + " (skipped; set -Drequire.docker=true to fail)");
        }
    }
}
