package dev.berth.aws.ecr;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * The Docker login for ECR's registry: ECR's {@code GetAuthorizationToken} answer decoded into a user name
 * ({@code AWS}) and a password, cached and fetched again before it expires. Give it to
 * anything that takes a {@link RegistryCredentialsProvider}, e.g. a compute backend's
 * {@link dev.berth.registry.RegistryCredentialsLookup} for {@link #registryHost()}:
 *
 * <pre>{@code
 * EcrAuthorization ecrLogin = EcrAuthorization.create(ecrClient, Clock.systemUTC());
 * RegistryCredentialsLookup logins = RegistryCredentialsLookup.of(Map.of(ecrLogin.registryHost(), ecrLogin));
 * }</pre>
 *
 * <p><b>Refresh:</b> a token is used until less than a quarter of its life, or 15 minutes, whichever is less, is
 * left; ECR's 12-hour tokens are renewed 15 minutes before they expire, short-lived ones after three quarters of their
 * life. A token that is already expired when it arrives (moto answers with an {@code expiresAt} in 2015) has no life
 * to use, so it is fetched again on every use: correct, if chatty, rather than caching something ECR would refuse.
 *
 * <p>The token is never logged and never part of {@link #toString()} or of an exception message. Thread-safe.
 */
public final class EcrAuthorization implements RegistryCredentialsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EcrAuthorization.class);
    /** The most a token's renewal waits for before its expiry. */
    static final Duration MAX_MARGIN = Duration.ofMinutes(15);

    private final EcrClient ecr;
    private final Clock clock;
    private Token token;

    private EcrAuthorization(EcrClient ecr, Clock clock) {
        this.ecr = Objects.requireNonNull(ecr, "ecr");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param ecr the user's ECR client; its credentials decide which registries the token opens. Not closed here.
     * @param clock decides when a token counts as expiring
     * @return an authorization that fetches its first token at the first use
     */
    public static EcrAuthorization create(EcrClient ecr, Clock clock) {
        return new EcrAuthorization(ecr, clock);
    }

    /**
     * @return the login for the caller's ECR registry, fetched now if the cached one is missing or expiring
     * @throws BackendUnavailableException if ECR refuses or does not answer, or answers with a malformed token
     */
    @Override
    public Optional<RegistryCredentials> credentials() {
        return Optional.of(current().credentials());
    }

    /**
     * @return the registry the token opens, as an image reference names it, e.g.
     *     {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com} (ECR's {@code proxyEndpoint} without its scheme)
     * @throws BackendUnavailableException if ECR refuses or does not answer
     */
    public String registryHost() {
        URI endpoint = current().proxyEndpoint();
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** @return when the cached token expires, or empty before the first use */
    public synchronized Optional<Instant> expiresAt() {
        return Optional.ofNullable(token).map(Token::expiresAt);
    }

    private synchronized Token current() {
        Instant now = clock.instant();
        if (token == null || token.isExpiring(now)) {
            token = fetch(now);
            LOG.debug("fetched ECR authorization token registry={} expiresAt={}", token.proxyEndpoint().getHost(),
                    token.expiresAt());
        }
        return token;
    }

    private Token fetch(Instant now) {
        GetAuthorizationTokenResponse response = EcrErrors.call("GetAuthorizationToken",
                () -> ecr.getAuthorizationToken(b -> { }));
        if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()) {
            throw new BackendUnavailableException("ECR GetAuthorizationToken answered without authorizationData",
                    true);
        }
        AuthorizationData data = response.authorizationData().get(0);
        if (data.authorizationToken() == null || data.expiresAt() == null || data.proxyEndpoint() == null) {
            throw new BackendUnavailableException("ECR GetAuthorizationToken answered without authorizationToken,"
                    + " expiresAt or proxyEndpoint", true);
        }
        return new Token(decode(data.authorizationToken()), data.expiresAt(), now, proxyEndpoint(data));
    }

    /** Decodes {@code base64(user:password)}; the messages never contain any part of the token. */
    static RegistryCredentials decode(String authorizationToken) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationToken.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BackendUnavailableException("ECR's authorizationToken is not base64 (token not shown)", false);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw new BackendUnavailableException("ECR's authorizationToken does not decode to user:password"
                    + " (token not shown)", false);
        }
        return new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static URI proxyEndpoint(AuthorizationData data) {
        try {
            URI uri = URI.create(data.proxyEndpoint());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new BerthException("ECR's proxyEndpoint '" + data.proxyEndpoint() + "' is not a URL: " + e
                    .getMessage(), e);
        }
    }

    /** Shows the registry and the expiry, never the token. */
    @Override
    public synchronized String toString() {
        return token == null ? "EcrAuthorization[no token yet]"
                : "EcrAuthorization[registry=" + token.proxyEndpoint().getHost() + ", expiresAt=" + token.expiresAt()
                + ", token=***]";
    }

    /** A decoded token; {@link #toString()} hides the credentials. */
    private record Token(RegistryCredentials credentials, Instant expiresAt, Instant fetchedAt, URI proxyEndpoint) {

        boolean isExpiring(Instant now) {
            Duration life = Duration.between(fetchedAt, expiresAt);
            if (life.isNegative() || life.isZero()) {
                return true;
            }
            Duration quarter = life.dividedBy(4);
            Duration margin = quarter.compareTo(MAX_MARGIN) < 0 ? quarter : MAX_MARGIN;
            return !now.isBefore(expiresAt.minus(margin));
        }

        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + ", credentials=***]";
        }
    }
}
