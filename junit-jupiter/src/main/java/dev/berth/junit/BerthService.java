package dev.berth.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares a service the test needs; {@link BerthExtension} starts it, waits until it is steady and healthy, and
 * removes it afterwards.
 *
 * <ul>
 *   <li>On the test class, or on a {@code static} field of type {@link BerthServiceHandle}: one service for all the
 *       class's tests, started before the first and removed after the last.</li>
 *   <li>On an instance field of type {@link BerthServiceHandle}: a new service for each test.</li>
 * </ul>
 * A field receives the service's handle. Elsewhere, a field or parameter annotated {@link BerthHandle} does.
 *
 * <pre>{@code
 * @BerthService(name = "web", taskDefinition = "classpath:web-task.json", desiredCount = 2)
 * class WebTest {
 *     @Test
 *     void answers(@BerthHandle("web") BerthServiceHandle web) { ... }
 * }
 * }</pre>
 *
 * The task definition comes from exactly one of {@link #taskDefinition()} (an ECS task-definition JSON file on the
 * classpath) and {@link #definition()} (a method or field of the test class).
 */
@Target({ElementType.TYPE, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(BerthServices.class)
@ExtendWith(BerthExtension.class)
public @interface BerthService {

    /** @return the service's name, unique among the services of one scope */
    String name();

    /**
     * @return an ECS task-definition JSON file on the classpath, e.g. {@code classpath:web-task.json}; or empty when
     *     {@link #definition()} names the definition
     */
    String taskDefinition() default "";

    /**
     * @return the name of a method without parameters or a field of the test class that returns a
     *     {@link dev.berth.model.TaskDefinition} or a {@link ServiceDeclaration}; {@code static} for a class-wide
     *     service. Or empty when {@link #taskDefinition()} names a file.
     */
    String definition() default "";

    /** @return how many tasks; ignored when {@link #definition()} returns a {@link ServiceDeclaration} */
    int desiredCount() default 1;

    /** @return how long to wait for the service to be steady and its tasks healthy, in seconds */
    long steadyTimeoutSeconds() default 120;
}
