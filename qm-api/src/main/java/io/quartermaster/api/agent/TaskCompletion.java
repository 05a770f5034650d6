package io.quartermaster.api.agent;

import java.util.Map;

/** A task ran: the attempt and epoch of the delivery, and what the step returns (may be empty). */
public record TaskCompletion(int attempt, long epoch, Map<String, Object> result) {}
