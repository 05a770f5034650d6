package io.quartermaster.cli.support;

import io.quartermaster.cli.client.Json;
import tools.jackson.databind.JsonNode;

/** What one run of qm left: its exit code and what it printed. */
public record QmResult(int exitCode, String out, String err) {

    public JsonNode json() {
        return Json.json().readTree(out);
    }

    public JsonNode yaml() {
        return Json.yaml().readTree(out);
    }

    @Override
    public String toString() {
        return "exit code " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
}
