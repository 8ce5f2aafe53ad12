package dev.berth.aws.internal;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.AttributeLimitExceededException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceInUseException;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.TargetNotFoundException;
import software.amazon.awssdk.services.ecs.model.UpdateInProgressException;

/**
 * Turns what the SDK throws for an ECS call into Berth's exceptions by meaning, each carrying ECS's own message, the
 * error code, the HTTP status and the request id (what AWS support asks for), with the SDK's exception as the cause.
 * By the time an exception gets here the SDK's retry strategy has already given up on it: nothing retries again.
 */
public final class EcsErrors {

    /** Error codes of a caller who may not do this (or whose credentials are bad): retrying will not help. */
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "ExpiredTokenException", "ExpiredToken", "SignatureDoesNotMatch", "MissingAuthenticationToken");

    private EcsErrors() {
    }

    /**
     * Runs one SDK call.
     *
     * @param <T> what the call returns
     * @param operation ECS's name of the operation, e.g. {@code StartTask}, for the message
     * @param call the call
     * @return what it returned
     * @throws BerthException the call's failure, translated by {@link #translate}
     */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    /**
     * @param operation ECS's name of the failed operation
     * @param failure what the SDK threw
     * @return Berth's exception of the same meaning
     */
    public static BerthException translate(String operation, SdkException failure) {
        if (failure instanceof AbortedException) {
            // The calling thread was interrupted (e.g. Berth is closing): keep the flag for the caller.
            Thread.currentThread().interrupt();
            return new BackendUnavailableException("ECS " + operation + " was interrupted", false, failure);
        }
        if (!(failure instanceof AwsServiceException service)) {
            // No answer from ECS at all (network, timeouts, credentials not found on the client side).
            // The SDK retries an I/O failure (no answer, connection closed) without the exception's flag saying so.
            boolean retryable = failure instanceof SdkClientException && (failure.retryable() || ioCause(failure));
            return new BackendUnavailableException("ECS " + operation + " got no answer: " + failure
                    + (retryable ? " (retryable)" : ""), retryable, failure);
        }
        String code = errorCode(service);
        String message = "ECS " + operation + ": " + awsMessage(service) + " (" + code + ", HTTP "
                + service.statusCode() + ", request id " + service.requestId() + ")";
        if (failure instanceof ClusterNotFoundException || failure instanceof ServiceNotFoundException
                || failure instanceof software.amazon.awssdk.services.ecs.model.ResourceNotFoundException
                || failure instanceof TargetNotFoundException
                || (failure instanceof ClientException && saysNotFound(service))) {
            return withCause(new ResourceNotFoundException(message), failure);
        }
        if (failure instanceof software.amazon.awssdk.services.ecs.model.ConflictException
                || failure instanceof ResourceInUseException || failure instanceof UpdateInProgressException
                || failure instanceof ServiceNotActiveException || failure instanceof ClusterContainsTasksException
                || failure instanceof ClusterContainsServicesException
                || failure instanceof ClusterContainsContainerInstancesException) {
            return withCause(new ConflictException(message), failure);
        }
        if (failure instanceof InvalidParameterException || failure instanceof ClientException
                || failure instanceof AttributeLimitExceededException) {
            return withCause(new InvalidSpecException("ECS " + operation + " request", List.of(new SpecProblem(
                    operation, "ecs." + code, "", message))), failure);
        }
        if (DENIED.contains(code)) {
            return new BackendUnavailableException(message + ": the credentials of the ECS client may not do this;"
                    + " grant the IAM permission ecs:" + operation + " or use other credentials", false, failure);
        }
        boolean retryable = failure instanceof ServerException || service.isThrottlingException()
                || service.statusCode() >= 500 || service.retryable();
        return new BackendUnavailableException(message + (retryable ? " (retryable)" : ""), retryable, failure);
    }

    private static boolean ioCause(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean saysNotFound(AwsServiceException e) {
        String text = awsMessage(e).toLowerCase(Locale.ROOT);
        return text.contains("not found") || text.contains("does not exist") || text.contains("unable to describe");
    }

    private static String errorCode(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private static String awsMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static <E extends BerthException> E withCause(E exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }
}
