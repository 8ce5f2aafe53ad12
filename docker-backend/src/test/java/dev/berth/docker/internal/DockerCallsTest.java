package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class DockerCallsTest {

    @Test
    void translate_notFound_keepsTheEnginesMessage() {
        var e = DockerCalls.translate("inspect container x",
                new NotFoundException("Status 404: {\"message\":\"No such container: x\"}\n"));

        assertThat(e).isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Docker engine could not inspect container x: No such container: x");
    }

    @Test
    void translate_conflictAndPortClash_areConflicts() {
        assertThat(DockerCalls.translate("create network n", new ConflictException("Status 409: {\"message\":"
                + "\"network with name n already exists\"}"))).isInstanceOf(dev.berth.exception.ConflictException.class);
        assertThat(DockerCalls.translate("start container a", new InternalServerErrorException("Status 500: "
                + "{\"message\":\"driver failed programming external connectivity: Bind for 127.0.0.1:8080 failed:"
                + " port is already allocated\"}"))).isInstanceOf(dev.berth.exception.ConflictException.class)
                .hasMessageContaining("port is already allocated");
    }

    @Test
    void translate_badRequest_isAnInvalidSpec() {
        assertThat(DockerCalls.translate("create container a", new BadRequestException("Status 400: {\"message\":"
                + "\"Minimum memory limit allowed is 6MB\"}"))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("Minimum memory limit allowed is 6MB");
    }

    @Test
    void translate_otherServerError_isNotRetryable_timeoutIs() {
        var server = DockerCalls.translate("start container a", new InternalServerErrorException("Status 500: "
                + "{\"message\":\"OCI runtime create failed\"}"));
        var timeout = DockerCalls.translate("list containers",
                new UncheckedIOException(new SocketTimeoutException("Read timed out")));

        assertThat(server).isInstanceOfSatisfying(BackendUnavailableException.class,
                e -> assertThat(e.isRetryable()).isFalse());
        assertThat(timeout).isInstanceOfSatisfying(BackendUnavailableException.class,
                e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageStartingWith("Docker engine did not answer in time to list containers");
    }
}
