package io.quartermaster.api.workflows;

import java.time.Instant;
import java.util.List;

/**
 * A running instance of a workflow. {@code machineId} is the instance's business key (null for an
 * instance started without one); {@code currentActivities} are the ids of the BPMN elements it waits in.
 */
public record WorkflowInstanceView(
        String machineId,
        String processInstanceId,
        int version,
        Instant startedAt,
        List<String> currentActivities) {

    public WorkflowInstanceView {
        currentActivities = List.copyOf(currentActivities);
    }
}
