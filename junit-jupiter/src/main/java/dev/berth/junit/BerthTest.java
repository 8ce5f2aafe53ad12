package dev.berth.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Settings of {@link BerthExtension} for a test class whose services are declared with {@link BerthService}.
 * Optional: {@link BerthService} registers the extension by itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BerthExtension.class)
public @interface BerthTest {

    /**
     * @return whether to skip the class's tests, with the reason, when no Docker engine answers. By default a
     *     missing engine fails them, so that a build never passes without having run them.
     */
    boolean disabledWithoutDocker() default false;

    /** @return log lines per container in the dump a failed test shows */
    int logTailLines() default 200;

    /**
     * @return whether to print the services' progress on standard output while they start (deployments' task counts,
     *     image pulls): one updating line on a terminal, a line per report in a build log
     */
    boolean printProgress() default false;
}
