package dev.berth.aws;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated tests only when moto's server is found ({@link TestMoto#shared()}). Without one they are skipped
 * with every attempt listed, unless {@code CI=true} or the system property {@code require.docker} is {@code true}
 * (the one switch for all real test peers): then they fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresMoto.Condition.class)
public @interface RequiresMoto {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            TestMoto.Result result = TestMoto.shared();
            if (result.server().isPresent()) {
                return ConditionEvaluationResult.enabled("moto answers on " + result.server().get().endpoint());
            }
            return ConditionEvaluationResult.disabled(whyMissing(result));
        }

        /**
         * @param result how the search for a moto server went
         * @return why the tests are skipped
         * @throws IllegalStateException if a missing server is a failure here (CI=true or require.docker=true)
         */
        static String whyMissing(TestMoto.Result result) {
            String why = "No moto server for the AWS integration tests. Tried: " + result.attempts();
            if (Boolean.getBoolean("require.docker") || "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + " (CI=true or require.docker=true makes this a failure)");
            }
            return why + " (skipped; set -Drequire.docker=true to fail)";
        }
    }

    /** The same condition for jqwik's properties: skipped without moto, failed in CI. */
    final class Hook implements SkipExecutionHook {

        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            TestMoto.Result result = TestMoto.shared();
            return result.server().isPresent() ? SkipResult.doNotSkip()
                    : SkipResult.skip(Condition.whyMissing(result));
        }
    }
}
