package io.quartermaster.api.workflows;

import java.util.List;

/**
 * The answer to a deployment. {@code duplicate} is true when every process of the file was already
 * deployed, byte for byte, as its latest version: nothing new was deployed and {@code versions} are
 * those existing versions.
 */
public record DeployedWorkflow(boolean duplicate, List<WorkflowVersionView> versions) {

    public DeployedWorkflow {
        versions = List.copyOf(versions);
    }
}
