package dev.berth.service.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.LoadBalancer;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ECS's CreateService and UpdateService rules that need the task definition: every load balancer and registry
 * names a container of it and one of that container's ports, and every Service Connect {@code portName} names one
 * port mapping. Where ECS has its own error text the problem carries it unchanged; the others name the field and
 * the fix.
 */
public final class ServiceNetworkingRules {

    /** A problem's rule id and message. */
    enum Check {
        CONTAINER_MISSING("containerName.exists", "The container %s does not exist in the task definition."),
        CONTAINER_PORT_MISSING("containerPort.exists", "The container %s did not have a container port %d defined."),
        REGISTRY_CONTAINER_REQUIRED("serviceRegistries.containerName.required",
                "with networkMode '%s' a service registry needs containerName and containerPort; give the container"
                        + " and the port its tasks are registered with"),
        PORT_NAME_MISSING("serviceConnectConfiguration.portName.exists",
                "portName '%s' is not the name of a port mapping in task definition %s; name one of its"
                        + " portMappings '%s' or use the name of one: %s"),
        PORT_NAME_AMBIGUOUS("serviceConnectConfiguration.portName.ambiguous",
                "portName '%s' names %d port mappings in task definition %s; give the port mappings distinct names");

        private final String id;
        private final String template;

        Check(String id, String template) {
            this.id = id;
            this.template = template;
        }
    }

    private ServiceNetworkingRules() {
    }

    /**
     * @param spec the service
     * @param revision the revision it runs
     * @throws InvalidSpecException listing every problem, each with the path of the bad field
     */
    public static void requireValid(ServiceSpec spec, RegisteredTaskDefinition revision) {
        List<SpecProblem> problems = problems(spec, revision.definition(), revision.arn());
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("service '" + spec.name() + "' with task definition " + revision.arn(),
                    problems);
        }
    }

    /**
     * @param spec the service
     * @param definition the task definition it runs
     * @param name the task definition's name for messages, e.g. its ARN
     * @return every problem, in field order; empty when the service fits the task definition
     */
    public static List<SpecProblem> problems(ServiceSpec spec, TaskDefinition definition, String name) {
        List<SpecProblem> problems = new ArrayList<>();
        for (int i = 0; i < spec.loadBalancers().size(); i++) {
            LoadBalancer lb = spec.loadBalancers().get(i);
            checkContainerPort(problems, "loadBalancers[" + i + "]", definition, lb.containerName(), lb.containerPort());
        }
        for (int i = 0; i < spec.serviceRegistries().size(); i++) {
            ServiceRegistry registry = spec.serviceRegistries().get(i);
            String path = "serviceRegistries[" + i + "]";
            if (registry.containerName().isPresent()) {
                checkContainerPort(problems, path, definition, registry.containerName().get(),
                        registry.containerPort().getAsInt());
            } else if (definition.networkMode() == NetworkMode.BRIDGE || definition.networkMode() == NetworkMode.HOST) {
                problems.add(problem(path + ".containerName", Check.REGISTRY_CONTAINER_REQUIRED, "",
                        definition.networkMode().ecsName()));
            }
        }
        List<ServiceConnectService> services = spec.serviceConnectConfiguration().services();
        for (int i = 0; i < services.size(); i++) {
            String portName = services.get(i).portName();
            List<PortMapping> named = definition.containerDefinitions().stream()
                    .flatMap(c -> c.portMappings().stream())
                    .filter(m -> m.name().filter(portName::equals).isPresent())
                    .toList();
            String path = "serviceConnectConfiguration.services[" + i + "].portName";
            if (named.isEmpty()) {
                List<String> names = definition.containerDefinitions().stream()
                        .flatMap(c -> c.portMappings().stream()).flatMap(m -> m.name().stream()).toList();
                problems.add(problem(path, Check.PORT_NAME_MISSING, portName, portName, name, portName,
                        names.isEmpty() ? "none is named" : names));
            } else if (named.size() > 1) {
                problems.add(problem(path, Check.PORT_NAME_AMBIGUOUS, portName, portName, named.size(), name));
            }
        }
        return problems;
    }

    private static void checkContainerPort(List<SpecProblem> problems, String path, TaskDefinition definition,
                                           String containerName, int containerPort) {
        Optional<ContainerDefinition> container = definition.container(containerName);
        if (container.isEmpty()) {
            problems.add(problem(path + ".containerName", Check.CONTAINER_MISSING, containerName, containerName));
        } else if (container.get().portMappings().stream().noneMatch(m -> m.containerPort() == containerPort)) {
            problems.add(problem(path + ".containerPort", Check.CONTAINER_PORT_MISSING, containerPort, containerName,
                    containerPort));
        }
    }

    private static SpecProblem problem(String path, Check check, Object value, Object... arguments) {
        String prefix = path.substring(0, path.indexOf('['));
        String id = check.id.startsWith(prefix) ? check.id : prefix + "." + check.id;
        return new SpecProblem(path, id, String.valueOf(value), String.format(java.util.Locale.ROOT, check.template,
                arguments));
    }
}
