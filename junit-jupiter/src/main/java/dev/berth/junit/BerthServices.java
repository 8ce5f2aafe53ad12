package dev.berth.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** Holds repeated {@link BerthService} annotations; Java writes it for you when one is repeated. */
@Target({ElementType.TYPE, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(BerthExtension.class)
public @interface BerthServices {

    /** @return the services */
    BerthService[] value();
}
