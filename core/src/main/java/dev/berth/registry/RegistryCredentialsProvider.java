package dev.berth.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Supplies a registry's credentials each time they are needed, so that short-lived tokens (ECR's last 12 hours)
 * can be renewed by the provider. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RegistryCredentialsProvider {

    /** @return the credentials to use now, or empty for anonymous access */
    Optional<RegistryCredentials> credentials();

    /** @return a provider for a registry that needs no credentials */
    static RegistryCredentialsProvider anonymous() {
        return Optional::empty;
    }

    /**
     * @param credentials the credentials to give
     * @return a provider that always gives {@code credentials}
     */
    static RegistryCredentialsProvider of(RegistryCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return () -> Optional.of(credentials);
    }
}
