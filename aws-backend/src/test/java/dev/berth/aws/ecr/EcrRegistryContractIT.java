package dev.berth.aws.ecr;

import dev.berth.aws.RequiresMoto;
import dev.berth.spi.RegistryBackend;
import dev.berth.spi.tck.RegistryContract;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Core's registry contract on the ECR backend over moto's server, for what moto can serve. moto accepts no layers and
 * has no registry behind it, so the content transfer of a push is replaced by what ECR
 * receives last from a {@code docker push}: PutImage of the image's manifest. Everything else a push does (the
 * repository check, the IMMUTABLE check, the lookup of the pushed image) is the backend's own. The transfer through a
 * real engine is {@link EcrEnginePushIT}'s. Cases moto cannot serve are disabled one by one in {@link MotoGaps}, each
 * with its reason.
 */
@RequiresMoto
@ExtendWith(EcrRegistryContractIT.MotoGaps.class)
class EcrRegistryContractIT extends RegistryContract {

    private static final String VARIANT = "moto-manifest-variant-";

    @Override
    protected RegistryBackend createBackend() {
        return EcrRegistryBackend.create(MotoEcr.config().build(), new ManifestPut(MotoEcr.client()));
    }

    @Override
    protected String localImage(int variant) {
        return VARIANT + variant;
    }

    /** Disables the contract cases that need what moto lacks. */
    static final class MotoGaps implements ExecutionCondition {

        private static final Map<String, String> GAPS = Map.of(
                "push_whenMutableTagExists_movesTagAndLeavesOldImageUntagged",
                "moto deletes the image a MUTABLE push leaves without tags; ECR keeps it untagged",
                "pull_byDigest_givesPinnedReference",
                "moto has no registry to pull from; EcrEnginePushIT pulls by digest from a real registry");

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String gap = context.getTestMethod().map(m -> GAPS.get(m.getName())).orElse(null);
            return gap == null ? ConditionEvaluationResult.enabled("moto serves this case")
                    : ConditionEvaluationResult.disabled(gap);
        }
    }

    /** Pushes a variant as PutImage of its manifest into moto. */
    private static final class ManifestPut implements ImageTransfer {

        private final EcrClient moto;

        ManifestPut(EcrClient moto) {
            this.moto = moto;
        }

        @Override
        public void push(String localImage, String name, String tag) {
            int variant = Integer.parseInt(localImage.substring(VARIANT.length()));
            moto.putImage(b -> b.repositoryName(name.substring(name.indexOf('/') + 1))
                    .imageManifest(MotoEcr.manifest(variant)).imageManifestMediaType(MotoEcr.MEDIA_TYPE)
                    .imageTag(tag));
        }

        @Override
        public void pull(String name, String reference) {
            throw new UnsupportedOperationException("moto has no registry to pull from");
        }

        @Override
        public void close() {
            moto.close();
        }
    }
}
