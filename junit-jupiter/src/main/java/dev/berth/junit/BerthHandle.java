package dev.berth.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the handle of a service declared elsewhere (on the class, on another field, or with
 * {@link BerthExtension#service}) into a field or parameter of type {@link BerthServiceHandle}. A test's own services
 * hide its class's services of the same name.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BerthHandle {

    /** @return the service's name; empty when the scope runs exactly one service */
    String value() default "";
}
