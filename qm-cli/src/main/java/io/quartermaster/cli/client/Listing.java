package io.quartermaster.cli.client;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The items of a paged listing as the server sent them, fetched page by page up to a limit;
 * {@code total} is how many there are in all, so a caller can say when some were left out.
 */
public record Listing(List<JsonNode> items, long total) {

    public Listing {
        items = List.copyOf(items);
    }

    public boolean truncated() {
        return total > items.size();
    }
}
