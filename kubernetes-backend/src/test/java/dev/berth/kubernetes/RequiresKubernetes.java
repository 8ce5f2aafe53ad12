package dev.berth.kubernetes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated tests only when a Kubernetes API server is found ({@link TestKubernetes#shared()}). Without one
 * they are skipped with every attempt listed, unless {@code CI=true} or the system property {@code require.docker}
 * is {@code true} (the one switch for all real test peers): then they fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresKubernetes.Condition.class)
public @interface RequiresKubernetes {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            TestKubernetes.Result result = TestKubernetes.shared();
            if (result.kubeconfig().isPresent()) {
                return ConditionEvaluationResult.enabled("Kubernetes answers, kubeconfig "
                        + result.kubeconfig().get());
            }
            String why = "No Kubernetes API server for the Kubernetes integration tests. Tried: " + result.attempts();
            if (Boolean.getBoolean("require.docker") || "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + " (CI=true or require.docker=true makes this a failure)");
            }
            return ConditionEvaluationResult.disabled(why + " (skipped; set -Drequire.docker=true to fail)");
        }
    }
}
