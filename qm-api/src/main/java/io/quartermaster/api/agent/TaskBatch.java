package io.quartermaster.api.agent;

import java.util.List;

/**
 * The answer to a long-poll: the tasks leased to the agent (empty when the wait ran out) and how long
 * to wait before polling again when there were none ({@code retryAfterMillis}, usually 0).
 */
public record TaskBatch(List<AgentTaskView> tasks, long retryAfterMillis) {}
