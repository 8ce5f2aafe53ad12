package dev.berth.testing;

import dev.berth.spi.BackendCapabilities;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.StartTaskRequest;
import dev.berth.spi.Subscription;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A backend that passes every call to another one, for tests that change or record a few calls of a real backend
 * (usually the in-memory one) and keep the rest.
 */
public abstract class ForwardingBackend implements ComputeBackend {

    private final ComputeBackend delegate;

    /** @param delegate the backend every call goes to unless a subclass overrides it */
    protected ForwardingBackend(ComputeBackend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public BackendCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public List<ContainerInstance> containerInstances(String cluster) {
        return delegate.containerInstances(cluster);
    }

    @Override
    public Task startTask(StartTaskRequest request) {
        return delegate.startTask(request);
    }

    @Override
    public void stopTask(String cluster, String taskId, StopCode stopCode, String reason) {
        delegate.stopTask(cluster, taskId, stopCode, reason);
    }

    @Override
    public List<Task> tasks(String cluster) {
        return delegate.tasks(cluster);
    }

    @Override
    public void forgetTask(String cluster, String taskId) {
        delegate.forgetTask(cluster, taskId);
    }

    @Override
    public List<String> logs(String cluster, String taskId, String containerName, int tailLines) {
        return delegate.logs(cluster, taskId, containerName, tailLines);
    }

    @Override
    public Subscription followLogs(String cluster, String taskId, String containerName, Consumer<String> lines) {
        return delegate.followLogs(cluster, taskId, containerName, lines);
    }

    @Override
    public Subscription onTaskChange(Consumer<String> listener) {
        return delegate.onTaskChange(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
