package dev.berth.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.docker.SecretResolver;
import dev.berth.exception.BerthException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ImageRef;
import dev.berth.model.TaskDefinition;
import dev.berth.registry.RegistryCredentials;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logins a task's images are pulled with, from the containers' {@code repositoryCredentials}: the secret each
 * names is read through the {@link SecretResolver} and holds, as on ECS (Secrets Manager),
 * <code>{"username": "...", "password": "..."}</code>. Never logged.
 */
final class RepositoryLogins {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RepositoryLogins() {
    }

    /**
     * @param definition the task definition
     * @param secrets where the secrets are read from
     * @return the login for each image that has one
     * @throws BerthException naming the container and the secret when one cannot be read or is not a login
     */
    static Map<ImageRef, RegistryCredentials> of(TaskDefinition definition, SecretResolver secrets) {
        Map<ImageRef, RegistryCredentials> logins = new LinkedHashMap<>();
        for (ContainerDefinition c : definition.containerDefinitions()) {
            c.repositoryCredentials().ifPresent(r -> logins.put(c.image(), login(c, r.credentialsParameter(),
                    secrets)));
        }
        return logins;
    }

    private static RegistryCredentials login(ContainerDefinition container, String parameter,
                                             SecretResolver secrets) {
        String where = "repositoryCredentials of container '" + container.name() + "' (" + parameter + ")";
        String value;
        try {
            value = secrets.resolve(parameter);
        } catch (BerthException e) {
            throw new BerthException(where + ": " + e.getMessage(), e);
        }
        try {
            JsonNode login = JSON.readTree(value);
            if (login != null && login.path("username").isTextual() && login.path("password").isTextual()) {
                return new RegistryCredentials(login.get("username").textValue(), login.get("password").textValue());
            }
        } catch (IOException notJson) {
            // reported below, without the value
        }
        throw new BerthException(where + ": the secret must be JSON with \"username\" and \"password\" strings");
    }
}
