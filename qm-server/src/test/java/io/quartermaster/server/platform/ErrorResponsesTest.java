package io.quartermaster.server.platform;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input gets a problem document with a stable reason and a message naming what to fix; nothing
 * gets a stack trace, and nothing half-written is left behind.
 */
@QmServerTest
class ErrorResponsesTest {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    UUID tenant;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        tenant = fixtures.tenant("errors");
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        Response response = api.post(Fixtures.ADMIN, "/api/v1/groups", "{\"tenantId\": \"" + tenant + "\", \"name\": ");

        assertProblem(response, 400, "MalformedJson");
        assertThat(response.json().path("detail").asString()).contains("not valid JSON").contains("line 1");
    }

    @Test
    void aBodyThatIsNotAnObjectIsMalformed() {
        assertProblem(api.post(Fixtures.ADMIN, "/api/v1/groups", "[1, 2]"), 400, "MalformedJson");
    }

    @Test
    void aMissingBodyIsNamed() {
        assertProblem(api.post(Fixtures.ADMIN, "/api/v1/groups", ""), 400, "MissingBody");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldAndTheExpectedType() {
        Response uuid = api.post(Fixtures.ADMIN, "/api/v1/groups", Map.of("tenantId", "not-a-uuid", "name", "x"));
        Response number = api.post(Fixtures.ADMIN, "/api/v1/tokens", Map.of("name", "t", "expiresInDays", "soon"));
        Response enumValue = api.post(Fixtures.ADMIN, "/api/v1/groups/" + fixtures.group(tenant, "g") + "/members",
                Map.of("username", "nobody", "role", "OWNER"));

        assertProblem(uuid, 400, "InvalidFieldValue");
        assertThat(uuid.json().path("errors").get(0).path("field").asString()).isEqualTo("tenantId");
        assertThat(uuid.json().path("detail").asString()).contains("'tenantId' must be a UUID");
        assertThat(number.json().path("detail").asString()).contains("'expiresInDays' must be an integer");
        assertThat(enumValue.json().path("detail").asString()).contains("'role' must be one of USER, GROUP_ADMIN");
    }

    @Test
    void aNumberWhereTextBelongsIsNotQuietlyTurnedIntoText() {
        Response number = api.post(Fixtures.ADMIN, "/api/v1/groups", Map.of("tenantId", tenant, "name", 5));
        Response text = api.post(Fixtures.ADMIN, "/api/v1/tokens", Map.of("name", "t", "expiresInDays", "30"));

        assertProblem(number, 400, "InvalidFieldValue");
        assertThat(number.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertProblem(text, 400, "InvalidFieldValue");
    }

    @Test
    void anUnknownFieldIsRefusedAndTheKnownOnesListed() {
        Response response = api.post(Fixtures.ADMIN, "/api/v1/tenants", Map.of("name", "x", "colour", "blue"));

        assertProblem(response, 400, "UnknownField");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("colour");
        assertThat(response.json().path("detail").asString()).contains("Known fields: displayName, name");
    }

    @Test
    void validationErrorsNameEveryField() {
        Response response = api.post(Fixtures.ADMIN, "/api/v1/users",
                Map.of("tenantId", tenant, "username", "Not Valid!", "password", "short", "email", "nope"));

        assertProblem(response, 400, "ValidationFailed");
        assertThat(response.json().path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsExactly("email", "password", "username");
        assertThat(response.json().path("detail").asString()).contains("password must be 12 to 200 characters long");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"name\": \"" + "x".repeat(70_000) + "\"}";

        Response response = api.post(Fixtures.ADMIN, "/api/v1/tenants", huge);

        assertProblem(response, 413, "PayloadTooLarge");
        assertThat(response.json().path("detail").asString()).contains("65536 bytes");
    }

    @Test
    void anOversizedChunkedBodyIsRefusedWhileReading() {
        byte[] huge = ("{\"name\": \"" + "x".repeat(70_000) + "\"}").getBytes();
        // A publisher without a known length makes the client send the body chunked.
        HttpRequest.BodyPublisher chunked = new HttpRequest.BodyPublisher() {
            private final HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofByteArray(huge);

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };

        Response response = api.send(Fixtures.ADMIN, "POST", "/api/v1/tenants", chunked, "application/json");

        assertProblem(response, 413, "PayloadTooLarge");
    }

    @Test
    void wrongMediaTypeMethodAndPathAreExplained() {
        Response mediaType = api.send(Fixtures.ADMIN, "POST", "/api/v1/tenants",
                HttpRequest.BodyPublishers.ofString("name=x"), "text/plain");
        Response method = api.send(Fixtures.ADMIN, "PUT", "/api/v1/tenants",
                HttpRequest.BodyPublishers.ofString("{}"), "application/json");
        Response path = api.get(Fixtures.ADMIN, "/api/v1/no-such-thing");
        Response parameter = api.get(Fixtures.ADMIN, "/api/v1/groups?page=first");
        Response pageSize = api.get(Fixtures.ADMIN, "/api/v1/groups?size=100000");
        Response pathId = api.get(Fixtures.ADMIN, "/api/v1/groups/not-a-uuid");

        assertProblem(mediaType, 415, "UnsupportedMediaType");
        assertThat(mediaType.json().path("detail").asString())
                .startsWith("Send the request body as application/json (got text/plain");
        assertProblem(method, 405, "MethodNotAllowed");
        assertThat(method.headers().firstValue("Allow")).hasValue("GET, POST");
        assertProblem(path, 404, "NotFound");
        assertProblem(parameter, 400, "InvalidParameter");
        assertThat(parameter.json().path("detail").asString()).contains("'page' must be an integer");
        assertProblem(pageSize, 400, "ValidationFailed");
        assertThat(pageSize.json().path("errors").get(0).path("field").asString()).isEqualTo("size");
        assertProblem(pathId, 400, "InvalidParameter");
    }

    @Test
    void everyProblemCarriesTheRequestIdItWasGiven() {
        Response response = api.send(Fixtures.ADMIN, "GET", "/api/v1/groups/" + UUID.randomUUID(),
                HttpRequest.BodyPublishers.noBody(), null, "X-Request-Id", "trace-me-42");

        assertProblem(response, 404, "NotFound");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-me-42");
        assertThat(response.json().path("requestId").asString()).isEqualTo("trace-me-42");
    }

    @Test
    void aDuplicateNameIsAConflictAndNothingIsWrittenTwice() {
        fixtures.group(tenant, "twice");

        Response again = api.post(Fixtures.ADMIN, "/api/v1/groups", Map.of("tenantId", tenant, "name", "twice"));

        assertProblem(again, 409, "AlreadyExists");
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/groups?tenantId=" + tenant).json().path("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void aChangeAgainstAStaleVersionIsAConflict() {
        UUID group = fixtures.group(tenant, "versioned");
        assertThat(api.patch(Fixtures.ADMIN, "/api/v1/groups/" + group, Map.of("description", "one", "version", 0))
                .status()).isEqualTo(200);

        Response stale = api.patch(Fixtures.ADMIN, "/api/v1/groups/" + group, Map.of("description", "two", "version", 0));

        assertProblem(stale, 409, "Conflict");
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/groups/" + group).json().path("description").asString())
                .isEqualTo("one");
    }
}
