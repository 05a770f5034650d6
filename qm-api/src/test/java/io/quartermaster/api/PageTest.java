package io.quartermaster.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.tenancy.CreateUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PageTest {

    @Test
    void knowsWhetherAnotherPageFollows() {
        assertThat(new Page<>(List.of(1, 2), 0, 2, 5).hasNext()).isTrue();
        assertThat(new Page<>(List.of(5), 2, 2, 5).hasNext()).isFalse();
        assertThat(new Page<>(List.of(), 0, 50, 0).hasNext()).isFalse();
    }

    @Test
    void recordsRoundTripThroughJsonWithoutAnnotations() {
        var mapper = JsonMapper.builder().build();
        var user = new CreateUser(null, "ada", "Ada", "ada@example.org", "correct-horse-battery", null, false);

        var json = mapper.writeValueAsString(user);

        assertThat(mapper.readValue(json, CreateUser.class)).isEqualTo(user);
    }
}
