package io.quartermaster.api.workflows;

import java.time.Instant;

/** One deployed version of a workflow and how many instances still run on it. */
public record WorkflowVersionView(
        String key,
        int version,
        String name,
        String processDefinitionId,
        String deploymentId,
        String deploymentName,
        Instant deployedAt,
        String resourceName,
        long runningInstances) {}
