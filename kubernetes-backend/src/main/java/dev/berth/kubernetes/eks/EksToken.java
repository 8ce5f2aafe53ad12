package dev.berth.kubernetes.eks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * An EKS bearer token, made as aws-iam-authenticator (and {@code aws eks get-token}) makes it: an STS
 * {@code GetCallerIdentity} request presigned with the caller's credentials (SigV4 in the query string, valid
 * 60 seconds, with the header {@code x-k8s-aws-id: <cluster name>} signed), its URL base64url-encoded without
 * padding, after the prefix {@code k8s-aws-v1.}. EKS's API server asks STS who signed it and maps that identity to a
 * Kubernetes user (aws-auth ConfigMap or access entries). EKS accepts a token for 15 minutes; {@link #token()} makes
 * a new one after {@link #REFRESH_AFTER}.
 *
 * <p>The signing is the AWS SDK's own {@link AwsV4HttpSigner}.
 */
public final class EksToken {

    /** The prefix of every EKS token. */
    public static final String PREFIX = "k8s-aws-v1.";
    /** The header that binds a token to one cluster. */
    public static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    /** How long the presigned request is valid, as aws-iam-authenticator signs it. */
    static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);
    /** A token is made again after this long (EKS accepts one for 15 minutes). */
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(10);

    private final String clusterName;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private String current;
    private Instant madeAt = Instant.MIN;

    /**
     * @param clusterName the EKS cluster's name
     * @param region its region
     * @param credentials whose identity the token carries
     * @param clock the clock the signature is dated by
     */
    public EksToken(String clusterName, Region region, AwsCredentialsProvider credentials, Clock clock) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return a valid token: the last one made, or a new one once it is {@link #REFRESH_AFTER} old */
    public synchronized String token() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(madeAt.plus(REFRESH_AFTER))) {
            current = newToken();
            madeAt = now;
        }
        return current;
    }

    /** @return a token made now */
    String newToken() {
        String host = StsClient.serviceMetadata().endpointFor(region).toString();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(host)
                .encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();
        SdkHttpRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock))
                .request();
        String url = signed.getUri().toString();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }
}
