package io.quartermaster.server.machines;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.server.audit.AuditService;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only writer of a machine's state. Each transition updates the row, adds a line to the machine's
 * timeline and an audit event, all in the transaction of the workflow step that made it.
 */
@Component
class Transitions {

    private final MachineRepository machines;
    private final MachineHistory history;
    private final AuditService audit;
    private final Clock clock;

    Transitions(MachineRepository machines, MachineHistory history, AuditService audit, Clock clock) {
        this.machines = machines;
        this.history = history;
        this.audit = audit;
        this.clock = clock;
    }

    Machine lock(UUID machineId) {
        return machines.lock(machineId).orElseThrow(() -> new IllegalStateException("No machine " + machineId));
    }

    /** Moves the machine to {@code to}, setting the given columns too; the current step is cleared. */
    @Transactional(propagation = Propagation.MANDATORY)
    Machine to(Machine machine, MachineState to, Map<String, Object> columns, String detail) {
        Map<String, Object> all = new HashMap<>(columns);
        all.put("state", to);
        all.put("current_step", null);
        machines.update(machine.id(), all, clock.instant());
        history.record(machine.id(), MachineHistory.TRANSITION, machine.state().name(), to.name(), null, "workflow",
                detail);
        audit.system("machine.transition", machine.scope(), "Machine", machine.id(),
                machine.state() + " -> " + to + (detail == null ? "" : ": " + detail));
        return lock(machine.id());
    }

    /** Sets columns without a state change (lease moved, power changed), with a timeline line. */
    @Transactional(propagation = Propagation.MANDATORY)
    void change(Machine machine, Map<String, Object> columns, String kind, String step, String detail) {
        if (!columns.isEmpty()) {
            machines.update(machine.id(), columns, clock.instant());
        }
        history.record(machine.id(), kind, null, null, step, "workflow", detail);
    }

    /** Notes the step the machine is busy with (shown to its owner). */
    @Transactional(propagation = Propagation.MANDATORY)
    void step(UUID machineId, String step, String detail) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("current_step", step);
        machines.update(machineId, columns, clock.instant());
        history.record(machineId, MachineHistory.STEP, null, null, step, "workflow", detail);
    }
}
