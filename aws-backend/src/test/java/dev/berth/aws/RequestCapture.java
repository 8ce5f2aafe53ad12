package dev.berth.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * Keeps the HTTP body of the last RegisterTaskDefinition call as it goes on the wire: in ECS's JSON protocol it is the
 * register-task-definition document itself, so a test can read it back with Berth's strict reader and see that every
 * field reached ECS unchanged, whatever the server then keeps.
 */
final class RegisterRequestCapture implements ExecutionInterceptor {

    private final AtomicReference<String> lastBody = new AtomicReference<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof RegisterTaskDefinitionRequest) {
            RequestBody body = context.requestBody().orElseThrow();
            try (InputStream in = body.contentStreamProvider().newStream()) {
                lastBody.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the body of the last RegisterTaskDefinition request sent */
    String lastBody() {
        String body = lastBody.get();
        if (body == null) {
            throw new IllegalStateException("no RegisterTaskDefinition request was sent");
        }
        return body;
    }
}
