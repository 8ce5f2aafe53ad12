package dev.berth.junit;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.model.TaskDefinition;
import dev.berth.progress.ProgressListener;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

/**
 * Runs Berth services around JUnit 5 tests: starts them before a class or a test, waits until they are steady and
 * healthy, injects {@link BerthServiceHandle}s, shows the services' state and container logs when a test fails, and
 * removes everything afterwards, after a pass, a failure, and when the JVM is interrupted.
 *
 * <p>Declarative, with {@link BerthService} (which registers this extension):
 * <pre>{@code
 * @BerthService(name = "web", taskDefinition = "classpath:web-task.json", desiredCount = 2)
 * class WebTest {
 *     @Test
 *     void answers(@BerthHandle("web") BerthServiceHandle web) { ... web.endpoint(8080) ... }
 * }
 * }</pre>
 * Programmatic; a {@code static} field starts the services once for the class, an instance field for each test:
 * <pre>{@code
 * @RegisterExtension
 * static BerthExtension berth = BerthExtension.docker()
 *         .service(ServiceDeclaration.of("web", webDefinition(), 2));
 * }</pre>
 *
 * <h2>Where services run</h2>
 * On the Docker engine {@link DockerBackendConfig#fromEnvironment()} finds, unless {@link #docker(DockerBackendConfig)}
 * or {@link #on(ComputeBackendFactory)} says otherwise. Each scope (class or test) gets a cluster of its own, so
 * test classes running in parallel with the same service names do not meet. A missing engine fails the tests with
 * the reason; {@link #disabledWithoutDocker()} or {@link BerthTest#disabledWithoutDocker()} skips them instead.
 *
 * <h2>Clean-up</h2>
 * Every container and network carries labels with the run's id and the JVM's host, pid and start time. After its
 * scope ends, or from a JVM shutdown hook, the scope's resources are force-removed by label. When a JVM was killed
 * outright, the next run on the same host removes what it left once it finds that JVM gone; containers of JVMs still
 * running are never touched.
 *
 * <p>Use one Berth extension per test class: when a class registers one with {@link RegisterExtension}, that one
 * also handles the class's {@link BerthService} annotations, and must then be {@code static} if any of them is
 * class-wide.
 */
public final class BerthExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BerthExtension.class);
    private static final int DEFAULT_LOG_TAIL_LINES = 200;

    private final Platform platform;
    private final List<ServiceDeclaration> services;
    private final boolean disabledWithoutDocker;
    private final Optional<Integer> logTailLines;
    private final Optional<ProgressListener> progress;
    /** Registered through an annotation rather than {@link RegisterExtension}. */
    private final boolean declarative;

    /**
     * The extension as {@link BerthService} and {@link BerthTest} register it: services from annotations, on the
     * Docker engine found in the environment. Use {@link #docker()} and friends with {@link RegisterExtension}.
     */
    public BerthExtension() {
        this(new DockerPlatform(DockerBackendConfig::fromEnvironment), List.of(), false, Optional.empty(),
                Optional.empty(), true);
    }

    private BerthExtension(Platform platform, List<ServiceDeclaration> services, boolean disabledWithoutDocker,
                           Optional<Integer> logTailLines, Optional<ProgressListener> progress,
                           boolean declarative) {
        this.platform = platform;
        this.services = List.copyOf(services);
        this.disabledWithoutDocker = disabledWithoutDocker;
        this.logTailLines = logTailLines;
        this.progress = progress;
        this.declarative = declarative;
    }

    /** @return an extension on the Docker engine {@link DockerBackendConfig#fromEnvironment()} finds */
    public static BerthExtension docker() {
        return new BerthExtension(new DockerPlatform(DockerBackendConfig::fromEnvironment), List.of(), false,
                Optional.empty(), Optional.empty(), false);
    }

    /**
     * @param config the engine and the backend's settings; the extension adds its labels
     * @return an extension on that engine
     */
    public static BerthExtension docker(DockerBackendConfig config) {
        Objects.requireNonNull(config, "config");
        return new BerthExtension(new DockerPlatform(() -> config), List.of(), false, Optional.empty(),
                Optional.empty(), false);
    }

    /**
     * Runs the services on any backend, for example an {@code InMemoryBackend} where a test needs no containers.
     * Clean-up stops and forgets the scope's tasks through the backend.
     *
     * @param backends opens one backend per scope
     * @return an extension on those backends
     */
    public static BerthExtension on(ComputeBackendFactory backends) {
        return new BerthExtension(new CustomPlatform(backends), List.of(), false, Optional.empty(), Optional.empty(),
                false);
    }

    /**
     * @param declaration a service to start with the extension's scope
     * @return a copy that also starts it
     */
    public BerthExtension service(ServiceDeclaration declaration) {
        List<ServiceDeclaration> more = new ArrayList<>(services);
        more.add(Objects.requireNonNull(declaration, "declaration"));
        return new BerthExtension(platform, more, disabledWithoutDocker, logTailLines, progress, false);
    }

    /**
     * @param name the service's name
     * @param taskDefinition what each task runs
     * @param desiredCount how many tasks
     * @return a copy that also starts that service
     * @throws IllegalArgumentException if the name or count break ECS's rules
     */
    public BerthExtension service(String name, TaskDefinition taskDefinition, int desiredCount) {
        return service(ServiceDeclaration.of(name, taskDefinition, desiredCount));
    }

    /** @return a copy that skips the tests, with the reason, when the platform cannot be reached */
    public BerthExtension disabledWithoutDocker() {
        return new BerthExtension(platform, services, true, logTailLines, progress, false);
    }

    /**
     * @param lines log lines per container in the dump a failed test shows (default 200)
     * @return a copy with that setting
     * @throws IllegalArgumentException if {@code lines} is less than 1
     */
    public BerthExtension logTailLines(int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("logTailLines must be at least 1, was " + lines);
        }
        return new BerthExtension(platform, services, disabledWithoutDocker, Optional.of(lines), progress, false);
    }

    /**
     * Shows the services' progress while they start: each deployment's task counts and each image pull. For a console,
     * {@link ProgressListener#printingTo(java.io.PrintStream) ProgressListener.printingTo(System.out)} prints one
     * updating line on a terminal and a line per report in a build log.
     *
     * @param listener receives the reports, on Berth's threads; it must not block
     * @return a copy with that listener
     */
    public BerthExtension progress(ProgressListener listener) {
        return new BerthExtension(platform, services, disabledWithoutDocker, logTailLines,
                Optional.of(Objects.requireNonNull(listener, "listener")), false);
    }

    /** @return disabled with the reason when skipping without Docker was asked for and the platform is missing */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (passive(context) || !(disabledWithoutDocker || settings(context).map(BerthTest::disabledWithoutDocker)
                .orElse(false))) {
            return ConditionEvaluationResult.enabled("Berth services do not decide");
        }
        Optional<String> missing = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(new AvailabilityKey(platform), key -> new Availability(platform.unavailability()),
                        Availability.class).missing();
        return missing.map(reason -> ConditionEvaluationResult.disabled("Skipped (disabledWithoutDocker): Berth"
                        + " cannot run services here: " + reason))
                .orElseGet(() -> ConditionEvaluationResult.enabled("Berth can run services on " + platform));
    }

    /** Starts the class-wide services: class annotations, static fields, and this extension's own if static. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (passive(context)) {
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        boolean startOwn = !startedOwnServicesAbove(context);
        List<ServiceDeclaration> declarations = new ArrayList<>(startOwn ? services : List.of());
        for (BerthService a : AnnotationSupport.findRepeatableAnnotations(testClass, BerthService.class)) {
            declarations.add(Declarations.of(a, testClass, null));
        }
        List<Field> fields = declaringFields(testClass, true);
        for (Field f : fields) {
            for (BerthService a : AnnotationSupport.findRepeatableAnnotations(f, BerthService.class)) {
                declarations.add(Declarations.of(a, testClass, null));
            }
        }
        start(context, testClass.getName(), declarations, startOwn);
        injectFields(context, null, testClass, true);
    }

    /** Starts the test's own services (instance fields, and this extension's if registered per instance). */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (passive(context)) {
            return;
        }
        boolean startOwn = !startedOwnServicesAbove(context);
        if (startOwn && !declarative) {
            requireNoClassWideAnnotations(context.getRequiredTestClass());
        }
        List<ServiceDeclaration> declarations = new ArrayList<>(startOwn ? services : List.of());
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        for (Object instance : instances) {
            for (Field f : declaringFields(instance.getClass(), false)) {
                for (BerthService a : AnnotationSupport.findRepeatableAnnotations(f, BerthService.class)) {
                    declarations.add(Declarations.of(a, instance.getClass(), instance));
                }
            }
        }
        start(context, context.getRequiredTestMethod().getName(), declarations, startOwn);
        for (Object instance : instances) {
            injectFields(context, instance, instance.getClass(), false);
        }
    }

    /** Removes the test's own services. */
    @Override
    public void afterEach(ExtensionContext context) {
        closeGroups(context);
    }

    /** Removes the class-wide services. */
    @Override
    public void afterAll(ExtensionContext context) {
        closeGroups(context);
    }

    /** @return whether the parameter is a {@link BerthServiceHandle} */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return !passive(extensionContext) && parameterContext.getParameter().getType() == BerthServiceHandle.class;
    }

    /**
     * @return the handle the parameter's {@link BerthHandle} names, or the scope's only one
     * @throws ParameterResolutionException if there is no such service, or several and none is named
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        String name = parameterContext.findAnnotation(BerthHandle.class).map(BerthHandle::value).orElse("");
        try {
            return ScopeGroups.handle(extensionContext, NAMESPACE, name);
        } catch (ExtensionConfigurationException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        dumpOnFailure(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        dumpOnFailure(invocation, extensionContext);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        dumpOnFailure(invocation, extensionContext);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        dumpOnFailure(invocation, extensionContext);
    }

    /**
     * Runs the test; if it fails (not aborted), shows the services' state and logs on stderr and in the test's report,
     * and attaches them to the failure as a {@link ServiceLogDump}, while the services still run.
     */
    private void dumpOnFailure(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        try {
            invocation.proceed();
        } catch (Throwable failure) {
            if (!passive(context) && !(failure instanceof TestAbortedException)) {
                String dump = ScopeGroups.dump(context, NAMESPACE);
                if (!dump.isEmpty()) {
                    System.err.println("Berth services of failed " + context.getDisplayName() + ":\n" + dump);
                    context.publishReportEntry("berth.services", dump);
                    failure.addSuppressed(new ServiceLogDump(dump));
                }
            }
            throw failure;
        }
    }

    /**
     * @param ownServices whether the declarations include this extension's own services, which then start nowhere
     *     below this scope
     */
    private void start(ExtensionContext context, String description, List<ServiceDeclaration> declarations,
                       boolean ownServices) {
        ScopeGroups groups = ScopeGroups.of(context, NAMESPACE);
        if (ownServices) {
            groups.markOwnServicesStarted(this);
        }
        if (!declarations.isEmpty()) {
            int tail = logTailLines.orElseGet(() -> settings(context).map(BerthTest::logTailLines)
                    .orElse(DEFAULT_LOG_TAIL_LINES));
            Optional<ProgressListener> listener = progress.or(() -> settings(context)
                    .filter(BerthTest::printProgress).map(p -> ProgressListener.printingTo(System.out)));
            groups.add(this, ServiceGroup.start(description, platform, declarations, tail, listener));
        }
    }

    private void closeGroups(ExtensionContext context) {
        if (!passive(context)) {
            ScopeGroups.of(context, NAMESPACE).closeOwnedBy(this);
        }
    }

    /** Whether this extension's own services already run in an enclosing scope (outer class, or the class). */
    private boolean startedOwnServicesAbove(ExtensionContext context) {
        return context.getParent().map(parent -> ScopeGroups.startedOwnServices(parent, NAMESPACE, this))
                .orElse(false);
    }

    private static void injectFields(ExtensionContext context, Object instance, Class<?> type, boolean statics) {
        for (Field f : ReflectionSupport.findFields(type, f -> Modifier.isStatic(f.getModifiers()) == statics
                && (AnnotationSupport.isAnnotated(f, BerthService.class)
                        || AnnotationSupport.isAnnotated(f, BerthServices.class)
                        || AnnotationSupport.isAnnotated(f, BerthHandle.class)),
                HierarchyTraversalMode.TOP_DOWN)) {
            if (f.getType() != BerthServiceHandle.class) {
                throw new ExtensionConfigurationException("Field " + f + " is annotated for Berth but its type is "
                        + f.getType().getSimpleName() + "; make it a BerthServiceHandle");
            }
            String name = AnnotationSupport.findAnnotation(f, BerthHandle.class).map(BerthHandle::value)
                    .orElseGet(() -> singleName(f));
            BerthServiceHandle handle = ScopeGroups.handle(context, NAMESPACE, name);
            try {
                f.setAccessible(true);
                f.set(instance, handle);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ExtensionConfigurationException("Cannot set field " + f + " to the handle of service "
                        + name + "; make it non-final", e);
            }
        }
    }

    /**
     * An extension in an instance field never sees the class start, so it cannot run class-wide services; and it
     * stands in for the annotation-registered one, which would otherwise run them.
     */
    private static void requireNoClassWideAnnotations(Class<?> testClass) {
        boolean classWide = !AnnotationSupport.findRepeatableAnnotations(testClass, BerthService.class).isEmpty()
                || !declaringFields(testClass, true).isEmpty();
        if (classWide) {
            throw new ExtensionConfigurationException(testClass.getName() + " declares class-wide Berth services"
                    + " (@BerthService on the class or a static field) but registers its BerthExtension in an"
                    + " instance field, which starts services per test only; make that @RegisterExtension field"
                    + " static");
        }
    }

    private static String singleName(Field f) {
        List<BerthService> declared = AnnotationSupport.findRepeatableAnnotations(f, BerthService.class);
        if (declared.size() != 1) {
            throw new ExtensionConfigurationException("Field " + f + " declares " + declared.size() + " services"
                    + " but holds one handle; declare one @BerthService per field");
        }
        return declared.get(0).name();
    }

    private static List<Field> declaringFields(Class<?> type, boolean statics) {
        return ReflectionSupport.findFields(type, f -> Modifier.isStatic(f.getModifiers()) == statics
                && (AnnotationSupport.isAnnotated(f, BerthService.class)
                        || AnnotationSupport.isAnnotated(f, BerthServices.class)),
                HierarchyTraversalMode.TOP_DOWN);
    }

    /**
     * A declaratively registered instance stands aside when the class registers a Berth extension of its own with
     * {@link RegisterExtension}: that one handles the annotations too, so no service starts twice.
     */
    private boolean passive(ExtensionContext context) {
        if (!declarative) {
            return false;
        }
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<Class<?>> type = c.get().getTestClass();
            if (type.isPresent() && !ReflectionSupport.findFields(type.get(),
                    f -> BerthExtension.class.isAssignableFrom(f.getType())
                            && AnnotationSupport.isAnnotated(f, RegisterExtension.class),
                    HierarchyTraversalMode.TOP_DOWN).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<BerthTest> settings(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<BerthTest> found = c.get().getTestClass()
                    .flatMap(t -> AnnotationSupport.findAnnotation(t, BerthTest.class));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** One availability check per platform per run. */
    private record AvailabilityKey(Platform platform) {
    }

    /** @param missing why the platform cannot run services, or empty when it can */
    private record Availability(Optional<String> missing) {
    }
}
