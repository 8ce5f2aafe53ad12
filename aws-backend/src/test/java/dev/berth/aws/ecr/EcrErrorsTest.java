package dev.berth.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import net.jqwik.api.Example;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * ECR's error codes as AWS names them (moto names some differently, e.g. ImageAlreadyExistsException for an
 * IMMUTABLE tag, and never throttles), mapped to Berth's exceptions.
 */
class EcrErrorsTest {

    @Example
    void notFoundCodes_becomeResourceNotFound() {
        for (String code : new String[] {"RepositoryNotFoundException", "ImageNotFoundException",
                "LifecyclePolicyNotFoundException"}) {
            assertThat(translate(code, 400)).as(code).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Example
    void conflictCodes_becomeConflict() {
        for (String code : new String[] {"RepositoryAlreadyExistsException", "RepositoryNotEmptyException",
                "ImageTagAlreadyExistsException", "ImageAlreadyExistsException"}) {
            assertThat(translate(code, 400)).as(code).isInstanceOf(ConflictException.class);
        }
    }

    @Example
    void invalidParameter_becomesInvalidSpecNamingTheField() {
        BerthException e = EcrErrors.translate("CreateRepository A", FakeEcr.error("InvalidParameterException", 400,
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular"
                        + " expression'"));
        assertThat(e).isInstanceOfSatisfying(InvalidSpecException.class,
                s -> assertThat(s.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("repositoryName");
                    assertThat(p.rule()).isEqualTo("ecr.InvalidParameterException");
                    assertThat(p.message()).contains("req-InvalidParameterException");
                }));
    }

    @Example
    void throttling_isRetryableWithTheAwsMessageAndRequestId() {
        BerthException e = translate("ThrottlingException", 400);
        assertThat(e).isInstanceOfSatisfying(BackendUnavailableException.class,
                b -> assertThat(b.isRetryable()).isTrue())
                .hasMessageContaining("Rate exceeded").hasMessageContaining("req-ThrottlingException")
                .hasMessageContaining("DescribeImages team/web");
    }

    @Example
    void serverErrors_areRetryable() {
        assertThat(translate("ServerException", 500)).isInstanceOfSatisfying(BackendUnavailableException.class,
                b -> assertThat(b.isRetryable()).isTrue());
        assertThat(translate("InternalFailure", 503)).isInstanceOfSatisfying(BackendUnavailableException.class,
                b -> assertThat(b.isRetryable()).isTrue());
    }

    @Example
    void accessDenied_isNotRetryable() {
        assertThat(translate("AccessDeniedException", 400))
                .isInstanceOfSatisfying(BackendUnavailableException.class, b -> assertThat(b.isRetryable()).isFalse())
                .hasMessageContaining("IAM");
    }

    @Example
    void noAnswer_isRetryable() {
        BerthException e = EcrErrors.translate("ListImages x",
                SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        assertThat(e).isInstanceOfSatisfying(BackendUnavailableException.class,
                b -> assertThat(b.isRetryable()).isTrue()).hasMessageContaining("Connection refused");
    }

    private static BerthException translate(String code, int status) {
        return EcrErrors.translate("DescribeImages team/web", FakeEcr.error(code, status, "Rate exceeded"));
    }
}
