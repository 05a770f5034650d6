package io.quartermaster.cli.catalog;

import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.client.Json;
import io.quartermaster.cli.client.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Template files for {@code templates create|apply}: YAML or JSON (JSON is YAML too), one template or a list.
 * Groups in {@code entitledGroupIds} may be given by name. The server checks every field; what it refuses
 * comes back as its problem, naming the field.
 */
final class TemplateFile {

    /** What was done with one template of the file. */
    record Written(ObjectNode template, String outcome) {}

    /** Fields of a template as the server shows it that are not part of a create or update. */
    private static final List<String> READ_ONLY = List.of("id", "diskGiB", "createdAt");

    private final Cli cli;

    TemplateFile(Cli cli) {
        this.cli = cli;
    }

    List<ObjectNode> read(Path file) {
        JsonNode content;
        try {
            byte[] bytes = file.toString().equals("-") ? cli.environment().in().readAllBytes() : Files.readAllBytes(file);
            content = Json.yaml().readTree(bytes);
        } catch (IOException | JacksonException e) {
            throw CliException.usage("InvalidFile", "Cannot read " + file + " as YAML or JSON: " + firstLine(e.getMessage()));
        }
        List<ObjectNode> templates = new ArrayList<>();
        if (content instanceof ObjectNode single) {
            templates.add(single);
        } else if (content instanceof ArrayNode list) {
            list.forEach(item -> {
                if (!(item instanceof ObjectNode template)) {
                    throw CliException.usage("InvalidFile", file + " holds a list with something other than templates in it.");
                }
                templates.add(template);
            });
        } else {
            throw CliException.usage("InvalidFile", file + " holds no template: expected an object with name, cpu, memoryMiB, …");
        }
        return templates;
    }

    Written write(ObjectNode template, boolean updateExisting) {
        ObjectNode body = template.deepCopy();
        READ_ONLY.forEach(body::remove);
        resolveGroups(body);
        String name = body.path("name").asString("");
        if (updateExisting && !name.isBlank()) {
            JsonNode existing = existing(name, body.path("tenantId").asString(null));
            if (existing != null) {
                // A version read with the file is compared by the server: a change made since is a Conflict.
                body.remove("tenantId");
                JsonNode updated = cli.api().patch("/api/v1/templates/" + existing.path("id").asString(), body);
                return new Written((ObjectNode) updated, "updated");
            }
        }
        body.remove("version");
        return new Written((ObjectNode) cli.api().post("/api/v1/templates", body), "created");
    }

    /** The template of that name the caller can see (in the file's tenant, when it names one), or null. */
    private JsonNode existing(String name, String tenantId) {
        List<JsonNode> named = cli.api().list("/api/v1/templates", Query.of(), 10_000).items().stream()
                .filter(template -> template.path("name").asString("").equals(name))
                .filter(template -> tenantId == null || template.path("tenantId").asString("").equals(tenantId))
                .toList();
        if (named.size() > 1) {
            throw CliException.usage("Ambiguous", named.size() + " templates are named '" + name
                    + "' (in different tenants): give tenantId in the file.");
        }
        return named.isEmpty() ? null : named.get(0);
    }

    private void resolveGroups(ObjectNode body) {
        if (!(body.get("entitledGroupIds") instanceof ArrayNode groups)) {
            return;
        }
        ArrayNode ids = body.putArray("entitledGroupIds");
        for (JsonNode group : groups) {
            UUID id = cli.lookup().group(group.asString());
            ids.add(id.toString());
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
