package dev.berth.aws.ecr;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * An {@link EcrClient} for unit tests of AWS behaviour that moto does not reproduce (moto has
 * no registry behind GetAuthorizationToken and a fixed, already expired token; it names exception codes and computes
 * digests differently). Tests override just the operations they need; every other operation throws the interface's
 * UnsupportedOperationException, so an unexpected call fails the test.
 */
abstract class FakeEcr implements EcrClient {

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    /** @return what the SDK throws for an ECR error answer with this code */
    static AwsServiceException error(String code, int status, String message) {
        return AwsServiceException.builder().statusCode(status).requestId("req-" + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Ecr")
                        .build())
                .message(message).build();
    }
}
