package io.quartermaster.cli.output;

import io.quartermaster.cli.client.Json;
import io.quartermaster.cli.client.Listing;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Prints what the server sent in the chosen format: JSON and YAML as the server's objects (a listing as
 * an array of its items), a table or a details view otherwise. Notes for people (how many were left out,
 * that nothing was found) go to standard error, so standard output stays what a script expects.
 */
public final class Printer {

    private final PrintWriter out;
    private final PrintWriter err;
    private final int width;

    public Printer(PrintWriter out, PrintWriter err, int width) {
        this.out = out;
        this.err = err;
        this.width = width;
    }

    public <T> void list(Listing listing, OutputFormat format, Class<T> type, Table<T> table, String plural) {
        items(listing.items(), format, type, table, plural);
        if (listing.truncated() && format == OutputFormat.table) {
            err.println("Showing " + listing.items().size() + " of " + listing.total() + " " + plural
                    + "; --limit shows more.");
        }
    }

    public <T> void items(List<JsonNode> items, OutputFormat format, Class<T> type, Table<T> table, String plural) {
        switch (format) {
            case json, yaml -> raw(Json.json().valueToTree(items), format);
            case table -> {
                if (items.isEmpty()) {
                    err.println("No " + plural + ".");
                } else {
                    out.print(table.render(items.stream().map(item -> as(item, type)).toList(), width));
                }
            }
        }
        out.flush();
    }

    public <T> void one(JsonNode node, OutputFormat format, Class<T> type, Function<T, Details> details) {
        if (format == OutputFormat.table) {
            out.print(details.apply(as(node, type)).render());
            out.flush();
        } else {
            raw(node, format);
        }
    }

    /** JSON or YAML as it is; in table format, the object as YAML, which reads well enough. */
    public void raw(JsonNode node, OutputFormat format) {
        if (format == OutputFormat.json) {
            out.println(Json.json().writeValueAsString(node));
        } else {
            out.print(Json.yaml().writeValueAsString(node));
        }
        out.flush();
    }

    public static <T> T as(JsonNode node, Class<T> type) {
        return Json.json().treeToValue(node, type);
    }

    public int width() {
        return width;
    }
}
