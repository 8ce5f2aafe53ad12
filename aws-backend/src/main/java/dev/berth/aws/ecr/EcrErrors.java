package dev.berth.aws.ecr;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates what the ECR client throws into Berth's exceptions by ECR's error code, keeping ECR's message and the
 * request id (what AWS support asks for). Codes are compared as text, not by SDK exception class, because moto
 * sometimes answers with a code the SDK has no class for, and because ECR's codes are the documented contract.
 *
 * <p>Calls go through the SDK's own retry strategy first; what reaches this class has already been retried, so a
 * throttled or failing call becomes a retryable {@link BackendUnavailableException} for the caller's own loop, never a
 * second retry here.
 */
final class EcrErrors {

    private static final Set<String> NOT_FOUND = Set.of("RepositoryNotFoundException", "ImageNotFoundException",
            "LifecyclePolicyNotFoundException", "RepositoryPolicyNotFoundException", "RegistryPolicyNotFoundException",
            "ScanNotFoundException");
    private static final Set<String> CONFLICT = Set.of("RepositoryAlreadyExistsException",
            "RepositoryNotEmptyException", "ImageTagAlreadyExistsException", "ImageAlreadyExistsException",
            "LimitExceededException", "TooManyTagsException", "LifecyclePolicyPreviewInProgressException");
    private static final Set<String> INVALID = Set.of("InvalidParameterException", "InvalidTagParameterException",
            "ValidationException", "ImageDigestDoesNotMatchException", "ReferencedImagesNotFoundException",
            "UnsupportedImageTypeException");
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
            "InvalidClientTokenId", "MissingAuthenticationTokenException", "KmsException");
    /** ECR names the bad field as in {@code Invalid parameter at 'repositoryName' failed to satisfy constraint}. */
    private static final Pattern PARAMETER = Pattern.compile("at '([A-Za-z.\\[\\]0-9]+)'");

    private EcrErrors() {
    }

    /**
     * Runs one ECR call and translates its failure.
     *
     * @param operation the ECR operation and its subject, e.g. {@code DescribeRepositories team/web}
     * @param call the call
     * @return the call's result
     */
    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    /**
     * @param e an exception the ECR client threw
     * @return ECR's error code, or empty for a failure that never got an answer from ECR
     */
    static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    /**
     * @param operation the ECR operation and its subject, for the message
     * @param e what the ECR client threw
     * @return the Berth exception that means the same
     */
    static BerthException translate(String operation, SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            boolean retryable = e instanceof SdkClientException || e.retryable();
            return new BackendUnavailableException("ECR " + operation + " got no answer: " + e.getMessage()
                    + (retryable ? " (retry later)" : ""), retryable, e);
        }
        String code = code(e);
        String detail = "ECR " + operation + " failed: " + (code.isEmpty() ? "HTTP " + service.statusCode() : code)
                + ": " + awsMessage(service) + requestId(service);
        if (NOT_FOUND.contains(code)) {
            return withCause(new ResourceNotFoundException(detail), e);
        }
        if (CONFLICT.contains(code)) {
            return withCause(new ConflictException(detail), e);
        }
        if (INVALID.contains(code)) {
            SpecProblem problem = new SpecProblem(parameter(awsMessage(service)), "ecr." + code, "",
                    awsMessage(service) + requestId(service));
            return withCause(new InvalidSpecException("ECR request " + operation, List.of(problem)), e);
        }
        if (DENIED.contains(code) || service.statusCode() == 403) {
            return new BackendUnavailableException(detail + ": check the credentials and IAM permissions of the"
                    + " EcrClient", false, e);
        }
        boolean retryable = service.isThrottlingException() || service.statusCode() >= 500
                || "ServerException".equals(code);
        return new BackendUnavailableException(detail + (retryable ? " (the SDK's retries were used up; retry"
                + " later)" : ""), retryable, e);
    }

    private static String awsMessage(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String message = details == null ? null : details.errorMessage();
        return message == null ? "(no message; HTTP " + e.statusCode() + ")" : message;
    }

    private static String requestId(AwsServiceException e) {
        return e.requestId() == null ? " (no request id)" : " (request id " + e.requestId() + ")";
    }

    private static String parameter(String message) {
        Matcher m = PARAMETER.matcher(message);
        return m.find() ? m.group(1) : "";
    }

    private static BerthException withCause(BerthException translated, SdkException cause) {
        translated.initCause(cause);
        return translated;
    }
}
