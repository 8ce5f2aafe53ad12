package dev.berth.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that other tests run on purpose (some fail deliberately, one holds a service for two minutes): it runs
 * only when {@link Scenarios} (or another runner) sets {@value #PARAMETER}, never when a build or an IDE discovers it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Scenario.OnlyWhenRunOnPurpose.class)
@interface Scenario {

    /** The configuration parameter that enables scenarios. */
    String PARAMETER = "dev.berth.junit.scenarios";

    /** Enables a scenario only when {@value #PARAMETER} is {@code true}. */
    final class OnlyWhenRunOnPurpose implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run on purpose")
                    : ConditionEvaluationResult.disabled("a scenario that other tests run on purpose");
        }
    }
}
