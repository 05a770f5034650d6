package io.quartermaster.server.machines;

import java.time.Clock;
import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Starts a machine's lifecycle workflow (the newest version of {@value #PROCESS}) in the caller's
 * transaction. It runs at once to its first wait: the approval, or the first host step of the build.
 */
@Component
class LifecycleStarter {

    static final String PROCESS = "machine-lifecycle";

    private final RuntimeService runtime;
    private final MachineRepository machines;
    private final Clock clock;

    LifecycleStarter(RuntimeService runtime, MachineRepository machines, Clock clock) {
        this.runtime = runtime;
        this.machines = machines;
        this.clock = clock;
    }

    void start(Machine machine) {
        ProcessInstance instance = runtime.createProcessInstanceBuilder().processDefinitionKey(PROCESS)
                .businessKey(machine.id().toString()).variable("machineId", machine.id().toString())
                .variable("tenantId", machine.tenantId().toString()).start();
        machines.update(machine.id(), Map.of("process_instance_id", instance.getId()), clock.instant());
    }
}
