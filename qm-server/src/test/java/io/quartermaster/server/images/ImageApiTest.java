package io.quartermaster.server.images;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Master images through the API as curl would send them: registration with the file as the body (larger
 * than the server's usual body limit), checksums, who sees and manages which image, the refusal to delete
 * one a template uses, and the agents' download with its ETag and ranges.
 */
@QmServerTest
class ImageApiTest {

    /** Larger than the test server's 64 KiB limit for other bodies. */
    static final int IMAGE_BYTES = 200_000;

    @LocalServerPort
    int port;

    @Autowired
    ImageStore store;

    Api api;
    Fixtures fixtures;
    CatalogFixtures catalog;
    UUID tenant;
    UUID otherTenant;
    UUID group;
    Auth tenantAdmin;
    Auth user;
    Auth otherAdmin;
    byte[] bytes;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        catalog = new CatalogFixtures(api, fixtures);
        tenant = fixtures.tenant("images");
        otherTenant = fixtures.tenant("other-images");
        group = fixtures.group(tenant, "image users");
        tenantAdmin = fixtures.user(tenant, "image-admin", true);
        user = fixtures.user(tenant, "image-user", false);
        fixtures.member(group, user, "USER");
        otherAdmin = fixtures.user(otherTenant, "other-image-admin", true);
        bytes = TestImages.qcow2(IMAGE_BYTES, 1);
    }

    @Test
    void aTenantAdministratorRegistersListsReadsAndDeletesAnImageAndItsFile() throws IOException {
        var created = upload(tenantAdmin, "name=debian-12&version=1.0&format=qcow2&sha256=" + sha256(bytes), bytes);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var image = created.json();
        String id = image.path("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/images/" + id);
        assertThat(image.path("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(image.path("shared").asBoolean()).isFalse();
        assertThat(image.path("sizeBytes").asLong()).isEqualTo(IMAGE_BYTES);
        assertThat(image.path("sha256").asString()).isEqualTo(sha256(bytes));
        assertThat(image.path("format").asString()).isEqualTo("qcow2");
        assertThat(image.path("contentPath").asString()).isEqualTo("/agent/v1/images/" + id + "/content");
        assertThat(image.path("createdBy").asString()).isEqualTo(tenantAdmin.name());
        assertThat(Files.readAllBytes(store.file(id + ".qcow2"))).isEqualTo(bytes);

        assertThat(api.get(user, "/api/v1/images/" + id).json().path("name").asString()).isEqualTo("debian-12");
        assertThat(ids(api.get(user, "/api/v1/images?size=500"))).contains(id);
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/audit?targetId=" + id).json().path("items").valueStream()
                .map(event -> event.path("details").asString())).anyMatch(details -> details.startsWith("registered"));

        assertProblem(upload(tenantAdmin, "name=debian-12&version=1.0&format=qcow2", bytes), 409, "AlreadyExists");
        assertThat(api.delete(tenantAdmin, "/api/v1/images/" + id).status()).isEqualTo(204);
        assertThat(store.file(id + ".qcow2")).doesNotExist();
        assertProblem(api.get(tenantAdmin, "/api/v1/images/" + id), 404, "NotFound");
    }

    @Test
    void aChecksumThatDoesNotMatchLeavesNeitherAFileNorARow() throws IOException {
        List<Path> before = files();

        var refused = upload(tenantAdmin, "name=broken&version=1&format=qcow2&sha256=" + "0".repeat(64), bytes);

        assertProblem(refused, 400, "ChecksumMismatch");
        assertThat(refused.json().path("detail").asString()).contains(sha256(bytes));
        assertThat(files()).isEqualTo(before);
        assertThat(api.get(tenantAdmin, "/api/v1/images?size=500").json().path("items").valueStream()
                .map(image -> image.path("name").asString())).doesNotContain("broken");
    }

    @Test
    void badRegistrationsAreRefusedBeforeTheBodyCountsAndNameWhatToFix() throws IOException {
        List<Path> before = files();

        assertField(upload(tenantAdmin, "version=1&format=qcow2", bytes), "name");
        assertField(upload(tenantAdmin, "name=x&format=qcow2", bytes), "version");
        assertField(upload(tenantAdmin, "name=x&version=1&format=vmdk", bytes), "format");
        assertField(upload(tenantAdmin, "name=x&version=1&format=raw&sha256=abc", bytes), "sha256");
        assertProblem(upload(tenantAdmin, "name=x&version=1&format=qcow2", "not a qcow2 image".getBytes()), 400,
                "ImageFormatMismatch");
        assertProblem(upload(tenantAdmin, "name=x&version=1&format=raw", new byte[0]), 400, "EmptyImage");
        // A master that would make a machine's disk read a file of the host is refused, with what to do instead.
        var backed = upload(tenantAdmin, "name=x&version=1&format=qcow2", TestImages.qcow2WithBackingFile(IMAGE_BYTES, 2));
        assertProblem(backed, 400, "ImageHasBackingFile");
        assertThat(backed.json().path("detail").asString()).contains("qemu-img convert");
        assertProblem(upload(tenantAdmin, "name=x&version=1&format=raw", bytes), 400, "ImageFormatMismatch");
        assertProblem(api.send(tenantAdmin, "POST", "/api/v1/images?name=x&version=1&format=raw",
                HttpRequest.BodyPublishers.ofByteArray(bytes), "application/x-www-form-urlencoded"), 415,
                "UnsupportedMediaType");
        assertProblem(upload(user, "name=x&version=1&format=qcow2", bytes), 403, "Forbidden");
        assertProblem(upload(otherAdmin, "name=x&version=1&format=qcow2&tenantId=" + tenant, bytes), 404, "NotFound");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void anotherTenantsImageDoesNotExistForItsPeopleWhileSharedImagesAreEverybodys() {
        String own = id(upload(tenantAdmin, "name=own&version=1&format=qcow2", bytes));
        String shared = id(upload(Fixtures.ADMIN, "name=" + fixtures.unique("shared") + "&version=1&format=qcow2", bytes));

        assertProblem(api.get(otherAdmin, "/api/v1/images/" + own), 404, "NotFound");
        assertProblem(api.delete(otherAdmin, "/api/v1/images/" + own), 404, "NotFound");
        assertThat(ids(api.get(otherAdmin, "/api/v1/images?size=500"))).contains(shared).doesNotContain(own);
        assertThat(ids(api.get(user, "/api/v1/images?size=500"))).contains(shared, own);
        assertThat(api.get(user, "/api/v1/images/" + shared).json().path("shared").asBoolean()).isTrue();
        assertProblem(api.delete(tenantAdmin, "/api/v1/images/" + shared), 403, "Forbidden");
        assertProblem(api.delete(user, "/api/v1/images/" + own), 403, "Forbidden");
        assertThat(api.delete(Fixtures.ADMIN, "/api/v1/images/" + shared).status()).isEqualTo(204);
    }

    @Test
    void anImageATemplateBuildsFromCannotBeDeletedAndATemplateCannotNameAnUnknownImage() {
        String image = id(upload(tenantAdmin, "name=in-use&version=1&format=qcow2", bytes));
        String theirs = id(upload(otherAdmin, "name=theirs&version=1&format=qcow2", bytes));
        String name = fixtures.unique("from image");
        UUID template = catalog.template(tenant, name, 512, List.of(group), Map.of("imageId", image,
                "diskMode", "FULL_COPY", "userData", "#cloud-config\npackages: [htop]\n"));
        var view = api.get(tenantAdmin, "/api/v1/templates/" + template).json();
        assertThat(view.path("imageId").asString()).isEqualTo(image);
        assertThat(view.path("diskMode").asString()).isEqualTo("FULL_COPY");
        assertThat(view.path("userData").asString()).startsWith("#cloud-config");

        var inUse = api.delete(tenantAdmin, "/api/v1/images/" + image);

        assertProblem(inUse, 409, "ImageInUse");
        assertThat(inUse.json().path("detail").asString()).contains(name);
        assertProblem(api.post(tenantAdmin, "/api/v1/templates", templateBody("unknown image", UUID.randomUUID())), 400,
                "UnknownImage");
        assertProblem(api.post(tenantAdmin, "/api/v1/templates", templateBody("their image", UUID.fromString(theirs))),
                400, "UnknownImage");
        var noImageAtAll = api.post(tenantAdmin, "/api/v1/templates", templateBody("no image", null));
        assertProblem(noImageAtAll, 400, "ValidationFailed");
        assertThat(noImageAtAll.json().path("detail").asString()).contains("imageRef");
        var named = api.post(tenantAdmin, "/api/v1/templates", templateBody("named by image", UUID.fromString(image)));
        assertThat(named.json().path("imageRef").asString()).isEqualTo("in-use:1");
        assertThat(named.json().path("diskMode").asString()).isEqualTo("LINKED_CLONE");
    }

    @Test
    void anAgentDownloadsItsTenantsImagesWithTheirChecksumAsETagAndInRangesButNotAnotherTenants() throws Exception {
        String image = id(upload(tenantAdmin, "name=download&version=1&format=qcow2", bytes));
        String theirs = id(upload(otherAdmin, "name=download&version=1&format=qcow2", bytes));
        Auth agent = agentOf(tenant, tenantAdmin);
        String path = "/agent/v1/images/" + image + "/content";

        var whole = download(agent, path);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes);
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + sha256(bytes) + "\"");
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(IMAGE_BYTES);

        var part = download(agent, path, "Range", "bytes=100000-");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 100_000, IMAGE_BYTES));
        assertThat(download(agent, path, "If-None-Match", "\"" + sha256(bytes) + "\"").statusCode()).isEqualTo(304);

        assertProblem(api.get(agent, "/agent/v1/images/" + theirs + "/content"), 404, "NotFound");
        assertProblem(api.get(tenantAdmin, path), 401, "InvalidCredential");
    }

    private Map<String, Object> templateBody(String name, UUID imageId) {
        var body = new java.util.HashMap<String, Object>(Map.of("tenantId", tenant, "name", fixtures.unique(name),
                "cpu", 1, "memoryMiB", 512, "disks", List.of(Map.of("sizeGiB", 5, "role", "system")),
                "hypervisorType", "kvm", "leaseDays", 3, "entitledGroupIds", List.of(group)));
        if (imageId != null) {
            body.put("imageId", imageId);
        }
        return body;
    }

    private Auth agentOf(UUID tenantId, Auth admin) {
        UUID host = catalog.host(tenantId, fixtures.unique("image-host"), 8, 8192, 100);
        var token = api.post(admin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(host)));
        String name = fixtures.unique("image-agent");
        var registered = api.post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken",
                token.json().path("token").asString(), "agentName", name));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return Auth.bearer(name, registered.json().path("credential").asString());
    }

    private HttpResponse<byte[]> download(Auth agent, String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Authorization", agent.header());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private Api.Response upload(Auth auth, String query, byte[] body) {
        return api.send(auth, "POST", "/api/v1/images?" + query, HttpRequest.BodyPublishers.ofByteArray(body),
                "application/octet-stream");
    }

    private static String id(Api.Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static List<String> ids(Api.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("items").valueStream().map(image -> image.path("id").asString()).toList();
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 400, "ValidationFailed");
        assertThat(response.json().path("detail").asString()).startsWith(field + ":");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(store.dir())) {
            return files.sorted().toList();
        }
    }


    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
