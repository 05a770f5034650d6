package io.quartermaster.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/** What operators look at: the OpenAPI document, Swagger UI, health and Prometheus metrics. */
@QmServerTest
class OperabilityTest {

    @LocalServerPort
    int port;

    @Test
    void servesTheOpenApiDocumentAndSwaggerUi() {
        Api api = new Api(port);

        var document = api.get(Auth.none(), "/v3/api-docs");
        var ui = api.get(Auth.none(), "/swagger-ui/index.html");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("paths").propertyNames())
                .contains("/api/v1/groups", "/api/v1/groups/{id}/members", "/api/v1/users/me", "/api/v1/audit");
        assertThat(document.json().path("components").path("securitySchemes").propertyNames())
                .contains("basic", "token");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void tomcatLooksForTimedOutConnectionsEveryFiveSeconds(@Autowired ServletWebServerApplicationContext context) {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("selectorTimeout")).hasToString("5000");
        assertThat(connector.getProperty("socket.timeoutInterval")).hasToString("5000");
    }

    @Test
    void healthIsPublicAndMetricsAreForSystemAdministrators() {
        Api api = new Api(port);
        api.get(Fixtures.ADMIN, "/api/v1/users/me");

        var health = api.get(Auth.none(), "/actuator/health");
        var metrics = api.get(Fixtures.ADMIN, "/actuator/prometheus");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count", "hikaricp_connections");
        // Off (SecurityConfig): observing every security filter of every call was a fifth of an idle fleet's CPU.
        assertThat(metrics.body()).doesNotContain("spring_security_filterchains");
    }
}
