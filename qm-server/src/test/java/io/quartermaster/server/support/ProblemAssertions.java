package io.quartermaster.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api.Response;

/** What every error response must be: a problem document with a reason, a sentence, and no internals. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    public static void assertProblem(Response response, int status, String reason) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.reason()).as(response.toString()).isEqualTo(reason);
        assertThat(response.json().path("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.springframework", "SQL", "io.quartermaster",
                "java.", "tools.jackson");
    }
}
