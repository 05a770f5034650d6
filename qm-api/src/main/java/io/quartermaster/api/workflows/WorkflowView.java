package io.quartermaster.api.workflows;

/**
 * A process definition of the embedded engine, by key: the machine lifecycle, its sub-processes, and
 * anything else deployed. {@code runningInstances} counts every version.
 */
public record WorkflowView(String key, String name, int latestVersion, long versions, long runningInstances) {}
