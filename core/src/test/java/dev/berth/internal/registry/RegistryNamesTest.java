package dev.berth.internal.registry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ECR's repository-name pattern (the API model's, which allows doubled separators) and the tag rules. */
class RegistryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "web", "team/web-app", "a.b_c__d---e/f0", "project-a/nginx-web-app", "0x"})
    void checkRepositoryName_whenEcrAccepts_passes(String name) {
        assertThatCode(() -> RegistryNames.checkRepositoryName(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Web", "-web", "web-", "team//web", "/web", "web/", "a___b", "we b", "a.-b"})
    void checkRepositoryName_whenEcrRejects_isInvalid(String name) {
        assertThatThrownBy(() -> RegistryNames.checkRepositoryName(name))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("repositoryName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "1.0.0", "_x", "v1-rc.2", "A"})
    void checkTag_whenValid_passes(String tag) {
        assertThatCode(() -> RegistryNames.checkTag(tag)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".x", "-x", "a:b", "a/b", "a b"})
    void checkTag_whenInvalid_isInvalid(String tag) {
        assertThatThrownBy(() -> RegistryNames.checkTag(tag)).isInstanceOf(InvalidSpecException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 301})
    void checkTag_whenTooLong_isInvalid(int length) {
        assertThatThrownBy(() -> RegistryNames.checkTag("a".repeat(length))).isInstanceOf(InvalidSpecException.class);
    }
}
