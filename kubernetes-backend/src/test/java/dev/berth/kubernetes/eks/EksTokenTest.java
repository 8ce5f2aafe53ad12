package dev.berth.kubernetes.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The token against its documented format (aws-iam-authenticator's README, "API Authorization from Outside a
 * Cluster"; {@code aws eks get-token}): {@code k8s-aws-v1.} followed by the unpadded base64url of a presigned
 * {@code https://sts.<region>.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-...} URL whose signed
 * headers include {@code x-k8s-aws-id}, valid 60 seconds.
 */
class EksTokenTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    @Test
    void token_whenMade_isAPresignedGetCallerIdentityUrlForTheCluster() {
        String token = new EksToken("prod", Region.EU_WEST_1, CREDENTIALS, Clock.fixed(NOW, ZoneOffset.UTC)).token();

        assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=").doesNotContain("+").doesNotContain("/");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8));
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.getPath()).isEqualTo("/");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261207/eu-west-1/sts/aws4_request")
                .containsEntry("X-Amz-Date", "20261207T101530Z")
                .containsEntry("X-Amz-Expires", "60");
        assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void token_whenTheClusterDiffers_isSignedDifferently() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String prod = new EksToken("prod", Region.EU_WEST_1, CREDENTIALS, clock).token();
        String test = new EksToken("test", Region.EU_WEST_1, CREDENTIALS, clock).token();

        assertThat(query(decode(prod)).get("X-Amz-Signature")).isNotEqualTo(query(decode(test)).get("X-Amz-Signature"));
    }

    @Test
    void token_whenOlderThanTheRefreshAge_isMadeAgain() {
        MutableClock clock = new MutableClock(NOW);
        EksToken tokens = new EksToken("prod", Region.US_EAST_1, CREDENTIALS, clock);
        String first = tokens.token();

        clock.now = NOW.plus(Duration.ofMinutes(9));
        String reused = tokens.token();
        clock.now = NOW.plus(EksToken.REFRESH_AFTER);
        String renewed = tokens.token();

        assertThat(reused).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(query(decode(renewed))).containsEntry("X-Amz-Date", "20261207T102530Z");
    }

    private static URI decode(String token) {
        return URI.create(new String(Base64.getUrlDecoder().decode(token.substring(EksToken.PREFIX.length())),
                StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
