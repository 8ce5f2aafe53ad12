package dev.berth.aws.ecr;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * Builds the ECR client when the user gives a customizer rather than a client. Unless the customizer chose them,
 * the SDK's standard retry strategy is the only retry layer (it backs off longer on throttling codes such as
 * {@code ThrottlingException} and retries 5xx answers) and the call timeout bounds each call with its retries.
 */
final class EcrClients {

    private EcrClients() {
    }

    /**
     * @param config the configuration with the customizer
     * @return a new client, which its caller closes
     */
    static EcrClient build(EcrRegistryConfig config) {
        EcrClientBuilder builder = EcrClient.builder();
        config.customizer().accept(builder);
        // Fill in only what the customizer left unset, so that its own overrideConfiguration (which replaces the
        // whole object) neither loses Berth's defaults nor is overridden by them.
        ClientOverrideConfiguration chosen = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder merged = chosen.toBuilder();
        if (chosen.retryStrategy().isEmpty() && chosen.retryStrategyConfigurator().isEmpty()) {
            merged.retryStrategy(AwsRetryStrategy.standardRetryStrategy());
        }
        if (chosen.apiCallTimeout().isEmpty()) {
            merged.apiCallTimeout(config.callTimeout());
        }
        return builder.overrideConfiguration(merged.build()).build();
    }
}
