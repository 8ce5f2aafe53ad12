package dev.berth.docker;

import dev.berth.docker.internal.DockerTaskEngine;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.model.HostPorts;
import dev.berth.spi.ContainerInstance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine of a {@link DockerBackend} and the container instance it is: its configuration, its task engine and
 * its {@code docker info}, read once on first use.
 */
final class EngineSlot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSlot.class);
    private static final Pattern VERSION_NUMBERS = Pattern.compile("^\\d+(\\.\\d+)*");

    private final DockerBackendConfig config;
    private final DockerTaskEngine engine;
    private volatile EngineInstance described;

    EngineSlot(DockerBackendConfig config) {
        this.config = config;
        this.engine = DockerTaskEngine.connect(config);
    }

    DockerBackendConfig config() {
        return config;
    }

    DockerTaskEngine engine() {
        return engine;
    }

    /**
     * @return the configured instance id, else the engine's own id from {@code docker info} (its name if it has
     *     none)
     * @throws BackendUnavailableException if the id has to be read and the engine has never answered
     */
    String instanceId() {
        return config.instanceId().orElseGet(() -> {
            EngineInstance e = describe();
            return e.engineId().isEmpty() ? e.name() : e.engineId();
        });
    }

    /**
     * @param registeredAt when the backend was made
     * @return the engine as a container instance, {@code agentConnected == false} while it does not answer a ping
     * @throws BackendUnavailableException if the engine has never answered
     */
    ContainerInstance containerInstance(Instant registeredAt) {
        EngineInstance engineInstance = describe();
        boolean connected;
        try {
            engine.ping();
            connected = true;
        } catch (BackendUnavailableException e) {
            LOG.debug("engine did not answer a ping dockerHost={}: {}", config.dockerHost(), e.getMessage());
            connected = false;
        }
        Map<String, String> attributes = new LinkedHashMap<>(engineInstance.attributes());
        attributes.put("ecs.availability-zone", config.availabilityZone());
        attributes.putAll(config.attributes());
        return new ContainerInstance(instanceId(), connected, engineInstance.cpuUnits(),
                (int) Math.min(Integer.MAX_VALUE, engineInstance.memoryMiB()),
                HostPorts.ECS_DEFAULT_RESERVED.plus(config.reservedPorts()), attributes, registeredAt,
                agentVersion(engineInstance.engineVersion()), Optional.empty(), false, config.gpus());
    }

    /** Ends the engine's streams and releases its clients. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return config.instanceId().map(id -> id + "@").orElse("") + config.dockerHost();
    }

    private EngineInstance describe() {
        EngineInstance known = described;
        if (known == null) {
            known = engine.describe();
            described = known;
        }
        return known;
    }

    /** @return the engine's version as numbers separated by dots, e.g. {@code 20.10.24} of {@code 20.10.24+dfsg1} */
    private static String agentVersion(String engineVersion) {
        Matcher m = VERSION_NUMBERS.matcher(engineVersion);
        return m.find() ? m.group() : "0";
    }
}
