package io.quartermaster.cli.output;

/** How a command prints what it got: a table (or a details view for one object), JSON or YAML. */
public enum OutputFormat {
    table,
    json,
    yaml
}
