package io.quartermaster.server.workflows;

import org.springframework.stereotype.Component;

/** A bean BPMN expressions may name in tests, as the lifecycle's own workflow beans will be. */
@Component("workflowProbe")
@WorkflowBean
public class WorkflowProbe {

    @Override
    public String toString() {
        return "probed";
    }
}
