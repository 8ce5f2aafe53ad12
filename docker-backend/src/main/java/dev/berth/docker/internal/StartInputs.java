package dev.berth.docker.internal;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.BerthException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ImageRef;
import dev.berth.model.Secret;
import dev.berth.model.TaskDefinition;
import dev.berth.registry.RegistryCredentials;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a task needs read before anything of it is created, so that nothing is created for a task that cannot start:
 * each container's secrets and environment files, the secret log options its FireLens router passes on, and the
 * logins its images are pulled with. None of it is ever logged.
 *
 * @param secrets each container's secret values by variable name
 * @param fileVariables each container's environment-file variables
 * @param firelensSecrets the values of the awsfirelens containers' secret log options, by the router's variable
 * @param logins the logins of images with {@code repositoryCredentials}
 */
record StartInputs(Map<String, Map<String, String>> secrets, Map<String, Map<String, String>> fileVariables,
                   Map<String, String> firelensSecrets, Map<ImageRef, RegistryCredentials> logins) {

    /**
     * @param definition the task definition
     * @param config where secrets and files come from
     * @return everything read
     * @throws BerthException saying what could not be read (never a value), prefixed with ECS's reason
     */
    static StartInputs read(TaskDefinition definition, DockerBackendConfig config) {
        Map<String, Map<String, String>> secrets = new HashMap<>();
        Map<String, Map<String, String>> fileVariables = new HashMap<>();
        Map<String, String> firelensSecrets = new LinkedHashMap<>();
        for (ContainerDefinition c : definition.containerDefinitions()) {
            secrets.put(c.name(), secretValues(c, config));
            fileVariables.put(c.name(), EnvironmentFiles.read(c, config.fileResolver()));
            if (FirelensRouting.usesFirelens(c)) {
                for (Secret option : c.logConfiguration().orElseThrow().secretOptions()) {
                    firelensSecrets.put(FirelensRouting.secretVariable(option, c),
                            resolve(config, option, "log option", c));
                }
            }
        }
        return new StartInputs(secrets, fileVariables, firelensSecrets,
                RepositoryLogins.of(definition, config.secretResolver()));
    }

    private static Map<String, String> secretValues(ContainerDefinition c, DockerBackendConfig config) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Secret s : c.secrets()) {
            values.put(s.name(), resolve(config, s, "secret", c));
        }
        return values;
    }

    private static String resolve(DockerBackendConfig config, Secret secret, String kind, ContainerDefinition c) {
        try {
            return config.secretResolver().resolve(secret.valueFrom());
        } catch (BerthException e) {
            throw new BerthException(kind + " " + secret.name() + " of container '" + c.name() + "' (valueFrom "
                    + secret.valueFrom() + "): " + e.getMessage(), e);
        }
    }

    /** Never shows the values. */
    @Override
    public String toString() {
        return "StartInputs[secrets of " + secrets.keySet() + ", environment files of " + fileVariables.keySet()
                + ", FireLens secret options " + firelensSecrets.keySet() + ", logins for " + logins.keySet() + "]";
    }
}
