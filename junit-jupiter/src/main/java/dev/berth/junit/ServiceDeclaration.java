package dev.berth.junit;

import dev.berth.exception.InvalidSpecException;
import dev.berth.json.EcsTaskDefinitionJson;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ServiceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A service a test needs: the task definition it runs, the service spec, and how long to wait for it to be steady
 * and healthy. The extension registers the task definition and creates the service in a cluster of the test's own.
 *
 * <pre>{@code
 * ServiceDeclaration web = ServiceDeclaration.fromClasspath("web", "classpath:web-task.json", 2)
 *         .withSteadyTimeout(Duration.ofSeconds(90));
 * }</pre>
 *
 * @param taskDefinition the definition to register
 * @param spec the service; its task definition reference must name {@code taskDefinition}'s family (the revision
 *     is replaced by the one registered)
 * @param steadyTimeout how long the extension waits for the service to be steady and its tasks healthy
 */
public record ServiceDeclaration(TaskDefinition taskDefinition, ServiceSpec spec, Duration steadyTimeout) {

    /** How long the extension waits for a service unless told otherwise. */
    public static final Duration DEFAULT_STEADY_TIMEOUT = Duration.ofMinutes(2);

    private static final String CLASSPATH_PREFIX = "classpath:";

    /**
     * @throws IllegalArgumentException if the spec names another family, or the timeout is not positive
     */
    public ServiceDeclaration {
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(steadyTimeout, "steadyTimeout");
        if (!spec.taskDefinition().family().equals(taskDefinition.family())) {
            throw new IllegalArgumentException("service " + spec.name() + " names task definition family '"
                    + spec.taskDefinition().family() + "' but declares family '" + taskDefinition.family()
                    + "'; give the spec TaskDefinitionRef.latest(\"" + taskDefinition.family() + "\")");
        }
        if (steadyTimeout.isNegative() || steadyTimeout.isZero()) {
            throw new IllegalArgumentException("steadyTimeout must be positive, was " + steadyTimeout);
        }
    }

    /**
     * @param name the service's name
     * @param taskDefinition what each task runs
     * @param desiredCount how many tasks
     * @return a REPLICA service with ECS's default deployment settings
     * @throws IllegalArgumentException if the name or count break ECS's rules
     */
    public static ServiceDeclaration of(String name, TaskDefinition taskDefinition, int desiredCount) {
        ServiceSpec spec = ServiceSpec.builder(name, TaskDefinitionRef.latest(taskDefinition.family()))
                .desiredCount(desiredCount).build();
        return new ServiceDeclaration(taskDefinition, spec, DEFAULT_STEADY_TIMEOUT);
    }

    /**
     * @param taskDefinition what each task runs
     * @param spec the service, naming {@code taskDefinition}'s family
     * @return the declaration, with the default steady timeout
     * @throws IllegalArgumentException if the spec names another family
     */
    public static ServiceDeclaration of(TaskDefinition taskDefinition, ServiceSpec spec) {
        return new ServiceDeclaration(taskDefinition, spec, DEFAULT_STEADY_TIMEOUT);
    }

    /**
     * Reads the task definition from an ECS task-definition JSON file (the {@code aws ecs register-task-definition
     * --cli-input-json} format) on the classpath of the current thread.
     *
     * @param name the service's name
     * @param resource the file's classpath location, e.g. {@code classpath:web-task.json} or {@code tasks/web.json}
     * @param desiredCount how many tasks
     * @return the declaration
     * @throws IllegalArgumentException if the file is not on the classpath
     * @throws InvalidSpecException if the file is not a valid task definition (every problem with its JSON path)
     */
    public static ServiceDeclaration fromClasspath(String name, String resource, int desiredCount) {
        return of(name, readClasspath(resource, Thread.currentThread().getContextClassLoader()), desiredCount);
    }

    /**
     * @param timeout how long to wait for the service to be steady and healthy
     * @return a copy with that timeout
     * @throws IllegalArgumentException if it is not positive
     */
    public ServiceDeclaration withSteadyTimeout(Duration timeout) {
        return new ServiceDeclaration(taskDefinition, spec, timeout);
    }

    /** @return the service's name */
    public String name() {
        return spec.name();
    }

    static TaskDefinition readClasspath(String resource, ClassLoader loader) {
        String path = resource.startsWith(CLASSPATH_PREFIX) ? resource.substring(CLASSPATH_PREFIX.length()) : resource;
        path = path.startsWith("/") ? path.substring(1) : path;
        try (InputStream json = loader.getResourceAsStream(path)) {
            if (json == null) {
                throw new IllegalArgumentException("Task-definition JSON '" + resource + "' is not on the classpath;"
                        + " put it under src/test/resources/" + path + " or name its path from the classpath root");
            }
            return EcsTaskDefinitionJson.create().read(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read task-definition JSON " + resource, e);
        }
    }
}
