package dev.berth.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Keeps the HTTP body of the last request of each kind as it goes on the wire. In ECS's JSON protocol the body of a
 * RegisterTaskDefinition is the register-task-definition document itself, and that of a CreateService the
 * create-service input, so a test sees that every field reached ECS unchanged, whatever the server then keeps.
 */
public final class RequestCapture implements ExecutionInterceptor {

    private final Map<Class<?>, String> lastBodies = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        context.requestBody().ifPresent(body -> lastBodies.put(context.request().getClass(), text(body)));
    }

    /**
     * @param kind the SDK's request class, e.g. {@code CreateServiceRequest.class}
     * @return the body of the last request of that kind sent
     * @throws IllegalStateException if none was sent
     */
    public String lastBody(Class<? extends SdkRequest> kind) {
        String body = lastBodies.get(kind);
        if (body == null) {
            throw new IllegalStateException("no " + kind.getSimpleName() + " was sent");
        }
        return body;
    }

    private static String text(RequestBody body) {
        try (InputStream in = body.contentStreamProvider().newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
