package io.quartermaster.cli;

import io.quartermaster.cli.client.ApiClient;
import io.quartermaster.cli.client.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Finds what a person names on the command line: an id as it is, or a name among what the caller can see
 * (templates, groups, hosts, machines by {@code name}, users by {@code username}). An exact match wins over
 * one that differs in case; two matches are an error naming both ids, none is {@link ExitCodes#NOT_FOUND}.
 */
public final class Lookup {

    private static final int ALL = 10_000;

    private final ApiClient api;
    private final Map<String, List<JsonNode>> listed = new HashMap<>();

    Lookup(ApiClient api) {
        this.api = api;
    }

    public UUID template(String reference) {
        return id(reference, "template", "/api/v1/templates", "name", "qm templates list");
    }

    public JsonNode templateView(String reference) {
        return api.get("/api/v1/templates/" + template(reference));
    }

    public UUID group(String reference) {
        return id(reference, "group", "/api/v1/groups", "name", "qm whoami");
    }

    public UUID host(String reference) {
        return id(reference, "host", "/api/v1/hosts", "name", "qm hosts list");
    }

    public UUID reservation(String reference) {
        return id(reference, "reservation", "/api/v1/reservations", "name", "qm reservations list");
    }

    /** A user by id, username, or {@code me}. Other users' names need an administrator's view of users. */
    public UUID user(String reference) {
        if (reference.equalsIgnoreCase("me")) {
            return UUID.fromString(api.get("/api/v1/users/me").path("user").path("id").asString());
        }
        return id(reference, "user", "/api/v1/users", "username", "GET /api/v1/users");
    }

    /**
     * A machine by id or name. Names are reused once a machine is gone, so a live machine wins over a
     * disposed or rejected one of the same name.
     */
    public UUID machine(String reference) {
        Optional<UUID> id = parse(reference);
        if (id.isPresent()) {
            return id.get();
        }
        List<JsonNode> named = matching(all("/api/v1/machines"), "name", reference);
        List<JsonNode> live = named.stream().filter(machine -> !isGone(machine)).toList();
        return single(live.isEmpty() ? named : live, "machine", reference, "qm machines list");
    }

    /** Group names by id, for tables that show a group (one call, remembered for the run). */
    public Map<UUID, String> groupNames() {
        Map<UUID, String> names = new HashMap<>();
        all("/api/v1/groups").forEach(group -> names.put(UUID.fromString(group.path("id").asString()),
                group.path("name").asString()));
        return names;
    }

    private UUID id(String reference, String kind, String path, String field, String hint) {
        Optional<UUID> id = parse(reference);
        if (id.isPresent()) {
            return id.get();
        }
        return single(matching(all(path), field, reference), kind, reference, hint);
    }

    private List<JsonNode> all(String path) {
        return listed.computeIfAbsent(path, ignored -> api.list(path, Query.of(), ALL).items());
    }

    private static List<JsonNode> matching(List<JsonNode> candidates, String field, String reference) {
        List<JsonNode> exact = candidates.stream().filter(node -> node.path(field).asString("").equals(reference)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        String lower = reference.toLowerCase(Locale.ROOT);
        return candidates.stream().filter(node -> node.path(field).asString("").toLowerCase(Locale.ROOT).equals(lower)).toList();
    }

    private static UUID single(List<JsonNode> found, String kind, String reference, String hint) {
        if (found.isEmpty()) {
            throw CliException.notFound("No " + kind + " named '" + reference + "' that you can see ('" + hint
                    + "' lists them).");
        }
        if (found.size() > 1) {
            List<String> ids = new ArrayList<>();
            found.forEach(node -> ids.add(node.path("id").asString()));
            throw CliException.usage("Ambiguous", found.size() + " " + kind + "s are named '" + reference
                    + "': " + String.join(", ", ids) + ". Give the id instead.");
        }
        return UUID.fromString(found.get(0).path("id").asString());
    }

    private static boolean isGone(JsonNode machine) {
        String state = machine.path("state").asString("");
        return state.equals("Disposed") || state.equals("Rejected");
    }

    private static Optional<UUID> parse(String reference) {
        if (reference.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(reference));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
