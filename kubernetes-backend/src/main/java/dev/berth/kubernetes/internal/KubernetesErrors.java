package dev.berth.kubernetes.internal;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Calls the API server and turns its errors into Berth's exceptions, with the API server's message: 404 →
 * {@link ResourceNotFoundException}, 409 → {@link ConflictException}, 400 and 422 (the object is invalid) →
 * {@link InvalidSpecException}, 401 and 403 → a {@link BackendUnavailableException} that retrying will not cure,
 * anything else (5xx, 429, timeouts, connection failures) → a retryable one. The client's own request timeout bounds
 * every call.
 */
public final class KubernetesErrors {

    private KubernetesErrors() {
    }

    /**
     * @param <T> what the call returns
     * @param what the call, for messages, e.g. {@code create pod web-1 in namespace dev}
     * @param call the call
     * @return what it returned
     * @throws BerthException translated from the client's exception
     */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    /**
     * @param what the call, for messages
     * @param call the call
     * @throws BerthException translated from the client's exception
     */
    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /**
     * @param what the call, for messages
     * @param e the client's exception
     * @return Berth's exception for it
     */
    public static BerthException translate(String what, KubernetesClientException e) {
        String message = "Kubernetes: " + what + " failed (HTTP " + e.getCode() + "): " + serverMessage(e);
        return switch (e.getCode()) {
            case 404 -> new ResourceNotFoundException(message);
            case 409 -> new ConflictException(message);
            case 400, 422 -> new InvalidSpecException(what,
                    List.of(new SpecProblem("", "kubernetes.api", "", serverMessage(e))));
            case 401, 403 -> new BackendUnavailableException(message + ". Check the credentials and the RBAC"
                    + " permissions of the kubeconfig's user.", false, e);
            default -> new BackendUnavailableException(message, true, e);
        };
    }

    private static String serverMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
