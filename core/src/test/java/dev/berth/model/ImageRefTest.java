package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {

    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "busybox:1.36", "a/b:c", "localhost:5000/a/b:1", "localhost/app",
        "host.example.com/x@" + DIGEST, "registry:5000/app:v1@" + DIGEST, "", "app:"})
    void toString_whenParsed_givesBackTheText(String reference) {
        assertThat(ImageRef.parse(reference).toString()).isEqualTo(reference);
    }

    @Test
    void parse_whenRegistryWithPort_splitsRegistryRepositoryAndTag() {
        ImageRef ref = ImageRef.parse("localhost:5000/a/b:1");

        assertThat(ref).isEqualTo(new ImageRef(Optional.of("localhost:5000"), "a/b", Optional.of("1"),
                Optional.empty()));
        assertThat(ref.name()).isEqualTo("localhost:5000/a/b");
    }

    @Test
    void parse_whenDigest_splitsDigestWithoutTag() {
        ImageRef ref = ImageRef.parse("host.example.com/x@" + DIGEST);

        assertThat(ref).isEqualTo(new ImageRef(Optional.of("host.example.com"), "x", Optional.empty(),
                Optional.of(DIGEST)));
    }

    @Test
    void parse_whenBareName_hasOnlyRepository() {
        assertThat(ImageRef.parse("busybox"))
                .isEqualTo(new ImageRef(Optional.empty(), "busybox", Optional.empty(), Optional.empty()));
    }

    @Test
    void parse_whenFirstComponentHasNoDotOrColon_keepsItInTheRepository() {
        assertThat(ImageRef.parse("a/b:c"))
                .isEqualTo(new ImageRef(Optional.empty(), "a/b", Optional.of("c"), Optional.empty()));
    }

    @Test
    void parse_whenLocalhostWithoutPort_treatsItAsRegistry() {
        assertThat(ImageRef.parse("localhost/app").registry()).contains("localhost");
    }

    @Test
    void withTag_whenDigestPresent_keepsDigest() {
        ImageRef ref = ImageRef.parse("app:1@" + DIGEST).withTag("2");

        assertThat(ref.toString()).isEqualTo("app:2@" + DIGEST);
    }

    @Test
    void withDigest_whenTagged_pinsTheDigest() {
        assertThat(ImageRef.parse("app:1").withDigest(DIGEST).toString()).isEqualTo("app:1@" + DIGEST);
    }
}
