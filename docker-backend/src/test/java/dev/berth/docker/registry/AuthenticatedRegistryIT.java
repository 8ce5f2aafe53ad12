package dev.berth.docker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Registry;
import dev.berth.api.Repository;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerTaskEngine;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.exception.BerthException;
import dev.berth.model.ImageRef;
import dev.berth.model.TaskDefinition;
import dev.berth.registry.Image;
import dev.berth.registry.ImageId;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsLookup;
import dev.berth.registry.RegistryCredentialsProvider;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import dev.berth.testing.LocalPeer;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry that asks for HTTP basic authentication (distribution's htpasswd), started here from the
 * {@code docker-registry} binary on its own loopback port: the OCI backend works with the right login and is refused,
 * with a message naming the registry and never the password, without it; a task whose image lives there starts on
 * the Docker engine through {@code DockerBackendConfig.registryCredentials} and cannot start without them.
 *
 * <p>Without the binary the class is skipped, unless {@code CI=true} or {@code -Drequire.docker=true}: then it fails.
 */
class AuthenticatedRegistryIT extends EngineTestBase {

    /** A login that exists only in this test's registry. */
    private static final RegistryCredentials LOGIN = new RegistryCredentials("berth-it", "berth-it-only-not-a-secret");
    /** {@code htpasswd -Bbn berth-it berth-it-only-not-a-secret}: distribution 2.8 accepts bcrypt entries only. */
    private static final String HTPASSWD = "berth-it:$2y$05$M3biN2e6eodZ/DkIPY8i8.Q.BwhI6.7H.bZ3Xx/gqv1yxGm75o012";

    private LocalPeer secured;
    private String host;
    private VariantImages images;
    private Registry withLogin;
    private Registry anonymous;

    @BeforeAll
    void startSecuredRegistry() {
        try {
            secured = TestRegistry.startWithBasicAuth(HTPASSWD);
        } catch (IOException e) {
            String why = "Could not start a registry with basic authentication: " + e.getMessage();
            if (Boolean.getBoolean("require.docker") || "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + " (CI=true or require.docker=true makes this a failure)", e);
            }
            Assumptions.abort(why + " (skipped; set -Drequire.docker=true to fail)");
        }
        host = secured.endpoint().getAuthority();
        images = new VariantImages(config, session, () -> Optional.of(host));
        withLogin = Registry.create(OciRegistryBackend.create(OciRegistryConfig.builder(secured.endpoint(), config)
                .credentials(RegistryCredentialsProvider.of(LOGIN)).build()));
        anonymous = Registry.create(OciRegistryBackend.create(OciRegistryConfig.builder(secured.endpoint(), config)
                .build()));
    }

    @AfterAll
    void stopSecuredRegistry() {
        try {
            if (images != null) {
                images.close();
            }
            if (withLogin != null) {
                withLogin.close();
                anonymous.close();
            }
        } finally {
            if (secured != null) {
                secured.close();
            }
        }
    }

    @Test
    void ociBackend_withTheLogin_pushesAndLists() {
        Repository repo = withLogin.repositories().create("auth/push-" + session, RepositorySettings.defaults());
        Image pushed = repo.push(images.variant(0), "1.0");

        assertThat(repo.describeImage(ImageId.tag("1.0")).digest()).isEqualTo(pushed.digest());
        assertThat(withLogin.repositories().list()).extracting(RepositoryDescription::name).contains(repo.name());
    }

    @Test
    void ociBackend_withoutALogin_isRefusedNamingTheRegistry() {
        withLogin.repositories().create("auth/refused-" + session, RepositorySettings.defaults())
                .push(images.variant(1), "1.0");

        assertThatThrownBy(() -> anonymous.repositories().list()).isInstanceOf(BerthException.class)
                .hasMessageContaining(host).hasMessageContaining("user name and password")
                .hasMessageNotContaining(LOGIN.password());
        Registry wrongPassword = Registry.create(OciRegistryBackend.create(OciRegistryConfig.builder(
                secured.endpoint(), config).credentials(RegistryCredentialsProvider.of(
                        new RegistryCredentials(LOGIN.username(), "wrong-password"))).build()));
        try (wrongPassword) {
            assertThatThrownBy(() -> wrongPassword.repositories().list()).isInstanceOf(BerthException.class)
                    .hasMessageContaining(host).hasMessageContaining("check the registry credentials")
                    .hasMessageNotContaining("wrong-password");
        }
    }

    /**
     * Pushes a variant of the test image to a new repository of the secured registry and removes it from the engine,
     * so that a task needs the registry's login to pull it.
     *
     * @return the pushed image's reference
     */
    private ImageRef pushedToTheSecuredRegistryOnly(String repositoryName, int variant) {
        Repository repo = withLogin.repositories().create(repositoryName, RepositorySettings.defaults());
        repo.push(images.variant(variant), "1.0");
        ImageRef image = repo.imageRef(ImageId.tag("1.0"));
        images.remove(image.toString());
        images.remove(images.variant(variant));
        return image;
    }

    @Test
    void taskImageInTheSecuredRegistry_startsWithTheRegistrysCredentials_andNotWithout() {
        ImageRef image = pushedToTheSecuredRegistryOnly("auth/task-" + session, 2);
        TaskDefinition definition = TaskDefinition.builder("from-secured-registry")
                .container(c -> c.name("app").image(image.toString()).memoryMiB(16)
                        .command("sh", "-c", "trap 'exit 0' TERM; sleep 60 & wait"))
                .build();

        TaskObservation refused = engine.start(request(definition));
        assertThat(refused.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(refused.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(refused.stoppedReason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("CannotPullContainerError").contains(image.name()));
        assertThat(images.present(image.toString())).isFalse();

        try (DockerTaskEngine withCredentials = DockerTaskEngine.connect(config.toBuilder()
                .registryCredentials(Registry.credentialsLookup(withLogin)).build())) {
            TaskObservation task = withCredentials.start(request(definition));
            assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(images.present(image.toString())).isTrue();
            withCredentials.stop(task.taskId(), StopCode.USER_INITIATED, "Stopped by the test");
            withCredentials.remove(task.taskId());
        }
    }

    @Test
    void taskImageInTheSecuredRegistry_startsWithTheContainersRepositoryCredentials() {
        ImageRef image = pushedToTheSecuredRegistryOnly("auth/creds-" + session, 3);
        TaskDefinition definition = TaskDefinition.builder("repository-credentials")
                .container(c -> c.name("app").image(image.toString()).memoryMiB(16)
                        .repositoryCredentials("arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-login")
                        .command("sh", "-c", "trap 'exit 0' TERM; sleep 60 & wait"))
                .build();
        String login = "{\"username\": \"" + LOGIN.username() + "\", \"password\": \"" + LOGIN.password() + "\"}";

        try (DockerTaskEngine withSecret = DockerTaskEngine.connect(config.toBuilder()
                .secretResolver(key -> key.endsWith(":secret:registry-login") ? login
                        : dev.berth.docker.SecretResolver.none().resolve(key)).build())) {
            TaskObservation task = withSecret.start(request(definition));
            assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(images.present(image.toString())).isTrue();
            withSecret.stop(task.taskId(), StopCode.USER_INITIATED, "Stopped by the test");
            withSecret.remove(task.taskId());
        }
    }
}
