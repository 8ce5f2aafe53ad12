package dev.berth.docker;

/** Every image the tests use, built locally by scripts/docker-env.sh (nothing can be pulled here). */
public final class TestImages {

    /** A FROM-scratch image with the static busybox: sh, httpd, wget, nc, sleep. */
    public static final String BUSYBOX = "berth-test/busybox:1";

    /** An image that exists nowhere. */
    public static final String MISSING = "berth-test/missing:never-built";

    private TestImages() {
    }
}
