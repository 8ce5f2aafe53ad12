package dev.berth.docker.registry;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.spi.RegistryBackend;
import dev.berth.spi.tck.RegistryContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry contract on a real OCI registry, pushing and pulling through the real engine. */
@RequiresDockerEngine
@RequiresRegistry
class OciRegistryBackendIT extends RegistryContract {

    private static DockerBackendConfig engine;
    private static VariantImages images;

    @BeforeAll
    static void buildImages() {
        engine = DockerBackendConfig.fromEnvironment();
        images = new VariantImages(engine, UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void removeImages() {
        images.close();
    }

    @Override
    protected RegistryBackend createBackend() {
        return OciRegistryBackend.create(OciRegistryConfig.builder(
                TestRegistry.shared().registry().orElseThrow().endpoint(), engine).build());
    }

    @Override
    protected String localImage(int variant) {
        return images.variant(variant);
    }
}
