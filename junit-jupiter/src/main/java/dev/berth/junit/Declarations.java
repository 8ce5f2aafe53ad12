package dev.berth.junit;

import dev.berth.model.TaskDefinition;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Turns a {@link BerthService} annotation into a {@link ServiceDeclaration}. */
final class Declarations {

    private Declarations() {
    }

    /**
     * @param annotation the declaration
     * @param testClass the class it is found on, whose classpath and members it reads
     * @param instance the test instance, or null for a class-wide service
     * @return the service it declares
     * @throws ExtensionConfigurationException if the annotation is incomplete or names a missing member or file;
     *     the message says what to change
     */
    static ServiceDeclaration of(BerthService annotation, Class<?> testClass, Object instance) {
        String where = "@BerthService(name = \"" + annotation.name() + "\") on " + testClass.getName();
        boolean fromFile = !annotation.taskDefinition().isBlank();
        boolean fromMember = !annotation.definition().isBlank();
        if (fromFile == fromMember) {
            throw new ExtensionConfigurationException(where + " needs exactly one of taskDefinition (a JSON file on"
                    + " the classpath) and definition (a method or field of the test class)");
        }
        if (annotation.steadyTimeoutSeconds() < 1) {
            throw new ExtensionConfigurationException(where + ": steadyTimeoutSeconds must be at least 1, was "
                    + annotation.steadyTimeoutSeconds());
        }
        Duration timeout = Duration.ofSeconds(annotation.steadyTimeoutSeconds());
        try {
            if (fromFile) {
                TaskDefinition td = ServiceDeclaration.readClasspath(annotation.taskDefinition(),
                        testClass.getClassLoader());
                return ServiceDeclaration.of(annotation.name(), td, annotation.desiredCount()).withSteadyTimeout(timeout);
            }
            Object value = memberValue(annotation.definition(), testClass, instance, where);
            if (value instanceof TaskDefinition td) {
                return ServiceDeclaration.of(annotation.name(), td, annotation.desiredCount()).withSteadyTimeout(timeout);
            }
            if (value instanceof ServiceDeclaration declaration) {
                if (!declaration.name().equals(annotation.name())) {
                    throw new ExtensionConfigurationException(where + ": definition " + annotation.definition()
                            + " declares service '" + declaration.name() + "'; the names must match");
                }
                return declaration.withSteadyTimeout(timeout);
            }
            throw new ExtensionConfigurationException(where + ": definition " + annotation.definition()
                    + " returned " + (value == null ? "null" : value.getClass().getName())
                    + "; return a TaskDefinition or a ServiceDeclaration");
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    private static Object memberValue(String name, Class<?> testClass, Object instance, String where) {
        Optional<Method> method = ReflectionSupport.findMethod(testClass, name);
        Member member = method.<Member>map(m -> m).or(() -> field(testClass, name)).orElseThrow(() ->
                new ExtensionConfigurationException(where + ": the test class has no method without parameters"
                        + " nor field named '" + name + "'"));
        boolean isStatic = Modifier.isStatic(member.getModifiers());
        if (!isStatic && instance == null) {
            throw new ExtensionConfigurationException(where + ": '" + name + "' serves a service for the whole"
                    + " class, so it must be static");
        }
        Object target = isStatic ? null : instance;
        try {
            if (member instanceof Method m) {
                m.setAccessible(true);
                return m.invoke(target);
            }
            Field f = (Field) member;
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ExtensionConfigurationException(where + ": reading '" + name + "' failed: " + cause, cause);
        }
    }

    private static Optional<Member> field(Class<?> testClass, String name) {
        List<Field> fields = ReflectionSupport.findFields(testClass, f -> f.getName().equals(name),
                HierarchyTraversalMode.BOTTOM_UP);
        return fields.stream().<Member>map(f -> f).findFirst();
    }
}
