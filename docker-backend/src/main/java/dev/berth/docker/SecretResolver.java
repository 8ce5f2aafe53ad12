package dev.berth.docker;

import dev.berth.exception.ResourceNotFoundException;

/**
 * Gives the value of a container's secret ({@link dev.berth.model.Secret#valueFrom()}) at task start. The backend
 * puts the value into the container's environment and never logs it; implementations must not log it either.
 *
 * <pre>{@code
 * SecretResolver fromMap = key -> Optional.ofNullable(secrets.get(key))
 *         .orElseThrow(() -> new ResourceNotFoundException("no secret " + key));
 * }</pre>
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * @param valueFrom the secret's name or ARN, as written in the task definition
     * @return the secret's value
     * @throws ResourceNotFoundException if no secret of that name exists
     * @throws dev.berth.exception.BerthException for any other failure to read it
     */
    String resolve(String valueFrom);

    /**
     * @return a resolver that knows no secret, the default: a task definition with secrets fails to start and the
     *     message says how to configure a resolver
     */
    static SecretResolver none() {
        return valueFrom -> {
            throw new ResourceNotFoundException("No secret resolver is configured, so secret '" + valueFrom
                    + "' cannot be read: set one with DockerBackendConfig.builder().secretResolver(...)");
        };
    }
}
