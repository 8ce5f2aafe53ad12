package dev.berth.docker.internal;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one docker-java call and translates its failures into Berth's exceptions, keeping the engine's own message:
 * 404 → {@link ResourceNotFoundException}, 409 and port clashes → {@link ConflictException}, 400 →
 * {@link InvalidSpecException}, I/O failures and timeouts → a retryable {@link BackendUnavailableException}, other
 * engine errors → a non-retryable one.
 */
public final class DockerCalls {

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DockerCalls() {
    }

    /**
     * @param <T> the call's result type
     * @param what the operation, for messages, e.g. {@code "inspect container berth-1-app"}
     * @param call the docker-java call
     * @return the call's result
     * @throws BerthException the translated failure
     */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /**
     * @param what the operation, for messages
     * @param call the docker-java call
     * @throws BerthException the translated failure
     */
    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /**
     * @param what the operation, for messages
     * @param e what docker-java threw
     * @return the Berth exception that says the same, with the engine's message
     */
    public static BerthException translate(String what, RuntimeException e) {
        if (e instanceof BerthException berth) {
            return berth;
        }
        if (e instanceof DockerException docker) {
            String message = engineMessage(docker);
            String text = "Docker engine could not " + what + ": " + message;
            if (docker instanceof NotFoundException) {
                return new ResourceNotFoundException(text);
            }
            if (docker.getHttpStatus() == 409 || isPortClash(message)) {
                return new ConflictException(text);
            }
            if (docker instanceof BadRequestException) {
                return new InvalidSpecException("Docker request to " + what,
                        List.of(new SpecProblem("", "docker.badRequest", "", message)));
            }
            if (docker instanceof UnauthorizedException) {
                return new BackendUnavailableException(text + " (check the registry or engine credentials)", false,
                        e);
            }
            return new BackendUnavailableException(text, false, e);
        }
        return ioCause(e).<BerthException>map(io -> {
            boolean timeout = io instanceof InterruptedIOException;
            String text = "Docker engine " + (timeout ? "did not answer in time" : "could not be reached")
                    + " to " + what + ": " + io;
            return new BackendUnavailableException(text, true, e);
        }).orElseGet(() -> new BerthException("Docker call to " + what + " failed: " + e, e));
    }

    /**
     * @param e a docker-java exception from an engine response
     * @return the engine's {@code message} field, or docker-java's message when there is none
     */
    static String engineMessage(DockerException e) {
        String raw = String.valueOf(e.getMessage());
        Matcher m = ENGINE_MESSAGE.matcher(raw);
        String message = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : raw;
        return message.strip();
    }

    private static boolean isPortClash(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("port is already allocated") || lower.contains("address already in use");
    }

    private static Optional<Throwable> ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
