package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EfsVolumeConfigurationTest {

    @Test
    void rootDirectory_slash_isTheSameAsOmitted() {
        EfsVolumeConfiguration slash = new EfsVolumeConfiguration("fs-1", Optional.of("/"), false,
                OptionalInt.empty(), Optional.empty(), false);

        assertThat(slash).isEqualTo(EfsVolumeConfiguration.of("fs-1"));
        assertThat(slash.rootDirectory()).isEmpty();
        assertThat(slash.effectiveRootDirectory()).isEqualTo("/");
    }

    @Test
    void rootDirectory_otherDirectory_isKept() {
        assertThat(EfsVolumeConfiguration.of("fs-1").withRootDirectory("/shared").rootDirectory())
                .contains("/shared");
    }
}
