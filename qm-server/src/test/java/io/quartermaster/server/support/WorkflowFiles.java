package io.quartermaster.server.support;

import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Api.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * The test BPMN files under {@code workflows/} (not auto-deployed), with their {@code __KEY__} and
 * {@code __BEAN__} placeholders filled in, and deployed through the API.
 */
public final class WorkflowFiles {

    private final Api api;

    public WorkflowFiles(Api api) {
        this.api = api;
    }

    /** The file's bytes with the process id set to {@code key}. */
    public static byte[] bpmn(String file, String key) {
        return bpmn(file, key, "none");
    }

    public static byte[] bpmn(String file, String key, String bean) {
        try (InputStream in = WorkflowFiles.class.getResourceAsStream("/workflows/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test workflow " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__KEY__", key)
                    .replace("__BEAN__", bean).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response deploy(Auth auth, byte[] xml) {
        return deploy(auth, xml, null);
    }

    public Response deploy(Auth auth, byte[] xml, String name) {
        String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return api.send(auth, "POST", "/api/v1/workflows" + query, HttpRequest.BodyPublishers.ofByteArray(xml),
                "application/xml");
    }
}
