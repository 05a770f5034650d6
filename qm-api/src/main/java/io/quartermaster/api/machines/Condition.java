package io.quartermaster.api.machines;

import java.time.Instant;

/**
 * Something wrong with a machine that its workflow did not cause, found by comparing what the host's
 * agent reports with what the server believes: {@code HostDisconnected} (its host's agent is silent),
 * {@code MissingOnHost} (the hypervisor does not have it), {@code PowerDrift} (powered differently than
 * recorded). It clears itself when the next report agrees.
 */
public record Condition(String type, String message, Instant since) {}
