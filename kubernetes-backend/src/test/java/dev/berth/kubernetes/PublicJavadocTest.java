package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testing.PublicJavadoc;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every public type of this module, and its public and protected methods, has javadoc (see {@link PublicJavadoc}). */
class PublicJavadocTest {

    @Test
    void everyPublicDeclarationHasJavadoc() {
        assertThat(PublicJavadoc.undocumented(Path.of("src/main/java"))).isEmpty();
    }
}
