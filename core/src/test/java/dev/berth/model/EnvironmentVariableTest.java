package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An environment variable's value may be a credential: it stays out of every toString that embeds it. */
class EnvironmentVariableTest {

    @Test
    void toString_namesTheVariableButNotItsValue_alsoInsideATaskDefinition() {
        EnvironmentVariable token = new EnvironmentVariable("API_TOKEN", "hunter2-token");
        TaskDefinition td = TaskDefinition.builder("web").container(c -> c.name("app").image("busybox")
                .memoryMiB(16).environment("API_TOKEN", "hunter2-token")).build();

        assertThat(token.toString()).contains("API_TOKEN").contains("13 chars").doesNotContain("hunter2");
        assertThat(td.toString()).contains("API_TOKEN").doesNotContain("hunter2");
    }
}
