package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskDefinitionRefTest {

    @Test
    void parse_whenFamilyOnly_hasNoRevision() {
        assertThat(TaskDefinitionRef.parse("web")).isEqualTo(new TaskDefinitionRef("web", OptionalInt.empty()));
    }

    @Test
    void parse_whenFamilyAndRevision_hasBoth() {
        assertThat(TaskDefinitionRef.parse("web-api_2:17")).isEqualTo(TaskDefinitionRef.of("web-api_2", 17));
    }

    @Test
    void parse_whenArn_takesFamilyAndRevision() {
        assertThat(TaskDefinitionRef.parse("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"))
                .isEqualTo(TaskDefinitionRef.of("web", 3));
    }

    @Test
    void toString_roundTripsThroughParse() {
        assertThat(TaskDefinitionRef.parse(TaskDefinitionRef.of("web", 3).toString())).isEqualTo(TaskDefinitionRef.of("web", 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web:", "web:0", "web:x", "we b", "arn:aws:ecs:us-east-1:1:service/web", "a:1:2"})
    void parse_whenMalformed_failsWithInvalidSpec(String text) {
        assertThatThrownBy(() -> TaskDefinitionRef.parse(text)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("taskDefinition");
    }
}
