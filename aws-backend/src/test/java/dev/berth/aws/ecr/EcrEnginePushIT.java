package dev.berth.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.aws.RequiresMoto;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.RequiresDockerEngine;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * The push and pull path of the ECR backend through the real Docker engine, logged in with the token that
 * {@link EcrAuthorization} gets from moto's GetAuthorizationToken. moto has no registry behind its token, so
 * the images go to the real local CNCF registry ({@code BERTH_TEST_REGISTRY}), which takes any
 * login: a push, then a pull back by digest.
 */
@RequiresDockerEngine
@RequiresMoto
class EcrEnginePushIT {

    private static final String LOCAL_IMAGE = "berth-test/busybox:1";
    private static URI registry;

    @BeforeAll
    static void findRegistry() {
        String url = System.getenv("BERTH_TEST_REGISTRY");
        String why = url == null ? "BERTH_TEST_REGISTRY is not set" : answers(URI.create(url)) ? ""
                : "nothing answers on " + url + "/v2/";
        if (!why.isEmpty() && (Boolean.getBoolean("require.docker") || "true".equals(System.getenv("CI")))) {
            throw new IllegalStateException("No registry for the ECR push test: " + why
                    + " (CI=true or require.docker=true makes this a failure)");
        }
        Assumptions.assumeTrue(why.isEmpty(), () -> "No registry for the ECR push test, skipped: " + why);
        registry = URI.create(url);
    }

    @Test
    void push_thenPullByDigest_withEachTransferLoggedInByAFreshEcrToken() throws Exception {
        try (EcrClient moto = MotoEcr.client()) {
            TokenCounter ecr = new TokenCounter(moto);
            EcrAuthorization authorization = EcrAuthorization.create(ecr, Clock.systemUTC());
            String name = registry.getAuthority() + "/" + MotoEcr.uniqueName("berth-aws-ecr-it");
            String digest = null;
            try (EngineImages engine = EngineImages.open(DockerBackendConfig.fromEnvironment(), authorization)) {
                engine.push(LOCAL_IMAGE, name, "v1");
                digest = manifestDigest(name, "v1");
                engine.pull(name, digest);

                assertThat(docker("image", "inspect", "--format", "{{.Id}}", name + "@" + digest))
                        .isEqualTo(docker("image", "inspect", "--format", "{{.Id}}", LOCAL_IMAGE));
                // moto's token expired in 2015, so each transfer asked for a new one.
                assertThat(ecr.calls).hasValue(2);
                assertThat(authorization.credentials().orElseThrow().username()).isEqualTo("AWS");
            } finally {
                if (digest != null) {
                    docker("image", "rm", name + "@" + digest);
                    delete(name, digest);
                }
            }
        }
    }

    /** Lets GetAuthorizationToken through to moto and counts the calls. */
    private static final class TokenCounter extends FakeEcr {
        final AtomicInteger calls = new AtomicInteger();
        private final EcrClient moto;

        TokenCounter(EcrClient moto) {
            this.moto = moto;
        }

        @Override
        public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
            calls.incrementAndGet();
            return moto.getAuthorizationToken(request);
        }
    }

    private static String manifestDigest(String name, String tag) throws IOException {
        HttpURLConnection c = open(name, tag, "HEAD");
        c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json,"
                + "application/vnd.oci.image.manifest.v1+json");
        assertThat(c.getResponseCode()).as("manifest of " + name + ":" + tag).isEqualTo(200);
        String digest = c.getHeaderField("Docker-Content-Digest");
        c.disconnect();
        assertThat(digest).startsWith("sha256:");
        return digest;
    }

    private static void delete(String name, String digest) throws IOException {
        HttpURLConnection c = open(name, digest, "DELETE");
        c.getResponseCode();
        c.disconnect();
    }

    private static HttpURLConnection open(String name, String reference, String method) throws IOException {
        String repository = name.substring(name.indexOf('/') + 1);
        HttpURLConnection c = (HttpURLConnection) registry.resolve("/v2/" + repository + "/manifests/" + reference)
                .toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        return c;
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("docker " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.resolve("/v2/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200 || status == 401;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
