package dev.berth.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.registry.RegistryCredentials;
import dev.berth.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * Token handling with a fake ECR and a manual clock: moto cannot serve these cases, since its token is fixed and
 * expired in 2015 and no registry stands behind it.
 */
class EcrAuthorizationTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Issues {@code AWS:secret-<n>} tokens that live {@code life} from the clock's time of the call. */
    private static final class TokenIssuer extends FakeEcr {
        final AtomicInteger calls = new AtomicInteger();
        final MutableClock clock;
        final Duration life;
        String rawToken;

        TokenIssuer(MutableClock clock, Duration life) {
            this.clock = clock;
            this.life = life;
        }

        @Override
        public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
            int n = calls.incrementAndGet();
            String token = rawToken != null ? rawToken : base64("AWS:secret-" + n);
            return GetAuthorizationTokenResponse.builder().authorizationData(d -> d.authorizationToken(token)
                    .expiresAt(clock.instant().plus(life))
                    .proxyEndpoint("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com")).build();
        }
    }

    @Example
    void credentials_decodeUserAndPasswordAtTheFirstColon() {
        assertThat(EcrAuthorization.decode(base64("AWS:pa:ss=word")))
                .isEqualTo(new RegistryCredentials("AWS", "pa:ss=word"));
    }

    @Example
    void credentials_whenTokenMalformed_failWithoutShowingIt() {
        assertThatThrownBy(() -> EcrAuthorization.decode("%%not-base64-secret%%"))
                .isInstanceOf(BackendUnavailableException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> EcrAuthorization.decode(base64("no-colon-secret")))
                .isInstanceOf(BackendUnavailableException.class).hasMessageNotContaining("secret");
    }

    @Example
    void credentials_areCachedWhileTheTokenIsFresh() {
        MutableClock clock = MutableClock.at(START);
        TokenIssuer ecr = new TokenIssuer(clock, Duration.ofHours(12));
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);

        RegistryCredentials first = auth.credentials().orElseThrow();
        clock.advance(Duration.ofHours(11).plusMinutes(44));
        RegistryCredentials later = auth.credentials().orElseThrow();

        assertThat(ecr.calls).hasValue(1);
        assertThat(later).isEqualTo(first).isEqualTo(new RegistryCredentials("AWS", "secret-1"));
        assertThat(auth.registryHost()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    }

    @Example
    void credentials_areRenewed15MinutesBeforeA12HourTokenExpires() {
        MutableClock clock = MutableClock.at(START);
        TokenIssuer ecr = new TokenIssuer(clock, Duration.ofHours(12));
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);
        auth.credentials();

        clock.advance(Duration.ofHours(11).plusMinutes(45));

        assertThat(auth.credentials().orElseThrow().password()).isEqualTo("secret-2");
        assertThat(auth.expiresAt()).contains(clock.instant().plus(Duration.ofHours(12)));
    }

    @Example
    void credentials_ofShortLivedTokenAreRenewedAfterThreeQuartersOfItsLife() {
        MutableClock clock = MutableClock.at(START);
        TokenIssuer ecr = new TokenIssuer(clock, Duration.ofMinutes(20));
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);
        auth.credentials();

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        auth.credentials();
        assertThat(ecr.calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        auth.credentials();
        assertThat(ecr.calls).hasValue(2);
    }

    @Example
    void credentials_whenTokenArrivesExpired_areFetchedOnEveryUse() {
        MutableClock clock = MutableClock.at(START);
        TokenIssuer ecr = new TokenIssuer(clock, Duration.ofDays(-4000)); // moto: expiresAt 2015-01-01
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);

        auth.credentials();
        auth.credentials();
        auth.credentials();

        assertThat(ecr.calls).hasValue(3);
    }

    @Example
    void toString_neverShowsTheToken() {
        MutableClock clock = MutableClock.at(START);
        TokenIssuer ecr = new TokenIssuer(clock, Duration.ofHours(12));
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);
        RegistryCredentials credentials = auth.credentials().orElseThrow();

        assertThat(auth.toString()).doesNotContain("secret").contains("123456789012.dkr.ecr");
        assertThat(credentials.toString()).doesNotContain("secret");
    }

    @Example
    void credentials_whenEcrDeniesAccess_failNotRetryableWithRequestId() {
        FakeEcr denied = new FakeEcr() {
            @Override
            public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
                throw error("AccessDeniedException", 400, "not authorized to perform ecr:GetAuthorizationToken");
            }
        };
        EcrAuthorization auth = EcrAuthorization.create(denied, MutableClock.at(START));

        assertThatThrownBy(auth::credentials).isInstanceOfSatisfying(BackendUnavailableException.class,
                e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("ecr:GetAuthorizationToken").hasMessageContaining("req-AccessDeniedException");
    }

    /**
     * Whatever a token's life and whenever it is used: the credentials handed out are never from a token that has
     * expired, and a token is reused until three quarters of its life or 15 minutes before its expiry.
     */
    @Property(tries = 300)
    void credentials_neverExpiredAndReusedWhileFresh(@ForAll @LongRange(min = 1, max = 86_400) long lifeSeconds,
                                                      @ForAll @LongRange(min = 0, max = 90_000) long laterSeconds) {
        MutableClock clock = MutableClock.at(START);
        Duration life = Duration.ofSeconds(lifeSeconds);
        TokenIssuer ecr = new TokenIssuer(clock, life);
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);
        auth.credentials();

        clock.advance(Duration.ofSeconds(laterSeconds));
        auth.credentials();

        assertThat(auth.expiresAt().orElseThrow()).isAfter(clock.instant());
        Duration later = Duration.ofSeconds(laterSeconds);
        boolean fresh = later.multipliedBy(4).compareTo(life.multipliedBy(3)) < 0
                && later.compareTo(life.minus(EcrAuthorization.MAX_MARGIN)) < 0;
        if (fresh) {
            assertThat(ecr.calls).hasValue(1);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
