package dev.berth.junit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The service groups one extension context (a class or a test) runs, kept in that context's store under its unique
 * id, so that lookups walk from a test to its class and outer classes without mixing their groups up. Closing it
 * (JUnit does when the context ends) removes every group left, a safety net behind the extension's own clean-up.
 */
final class ScopeGroups implements AutoCloseable {

    private record Entry(Object owner, ServiceGroup group) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Set<Object> ownServicesStarted = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    /** @return the context's groups, created empty on first use */
    static ScopeGroups of(ExtensionContext context, ExtensionContext.Namespace namespace) {
        return context.getStore(namespace).getOrComputeIfAbsent(context.getUniqueId(), key -> new ScopeGroups(),
                ScopeGroups.class);
    }

    private static Optional<ScopeGroups> existing(ExtensionContext context, ExtensionContext.Namespace namespace) {
        return Optional.ofNullable(context.getStore(namespace).get(context.getUniqueId(), ScopeGroups.class));
    }

    /** @param owner the extension whose own services ({@code service(..)}) now run in this scope */
    void markOwnServicesStarted(Object owner) {
        ownServicesStarted.add(owner);
    }

    /** @return whether {@code owner}'s own services run in {@code context} or an enclosing one */
    static boolean startedOwnServices(ExtensionContext context, ExtensionContext.Namespace namespace, Object owner) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            if (existing(c.get(), namespace).filter(g -> g.ownServicesStarted.contains(owner)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** @param group a started group of {@code owner} */
    void add(Object owner, ServiceGroup group) {
        entries.add(new Entry(owner, group));
    }

    /**
     * Removes the groups {@code owner} started here.
     *
     * @throws RuntimeException the first clean-up failure, with the others suppressed, after trying every group
     */
    void closeOwnedBy(Object owner) {
        List<Entry> owned = entries.stream().filter(e -> e.owner() == owner).toList();
        entries.removeAll(owned);
        closeAll(owned);
    }

    @Override
    public void close() {
        List<Entry> all = List.copyOf(entries);
        entries.clear();
        closeAll(all);
    }

    private static void closeAll(List<Entry> toClose) {
        RuntimeException first = null;
        for (Entry e : toClose) {
            try {
                e.group().close();
            } catch (RuntimeException failure) {
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * @param name a service name, or empty for the only service in reach
     * @return the handle of the nearest service of that name: the test's own first, then its class's, then outer
     *     classes'
     * @throws ExtensionConfigurationException if none is in reach, or several and no name is given
     */
    static BerthServiceHandle handle(ExtensionContext context, ExtensionContext.Namespace namespace, String name) {
        Map<String, BerthServiceHandle> inReach = new LinkedHashMap<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            existing(c.get(), namespace).ifPresent(groups -> groups.entries.forEach(e -> e.group().handles()
                    .forEach(h -> inReach.putIfAbsent(h.name(), h))));
        }
        if (!name.isEmpty()) {
            BerthServiceHandle handle = inReach.get(name);
            if (handle == null) {
                throw new ExtensionConfigurationException("No Berth service named '" + name + "' runs for "
                        + context.getDisplayName() + "; running: " + inReach.keySet());
            }
            return handle;
        }
        if (inReach.size() != 1) {
            throw new ExtensionConfigurationException(inReach.size() + " Berth services run for "
                    + context.getDisplayName() + " " + inReach.keySet()
                    + "; name the one to inject with @BerthHandle(\"name\")");
        }
        return inReach.values().iterator().next();
    }

    /** @return the dump of every group in reach of {@code context}, or empty when none runs */
    static String dump(ExtensionContext context, ExtensionContext.Namespace namespace) {
        List<ServiceGroup> groups = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            existing(c.get(), namespace).ifPresent(g -> g.entries.forEach(e -> groups.add(e.group())));
        }
        return groups.stream().map(ServiceGroup::dump).collect(Collectors.joining());
    }
}
