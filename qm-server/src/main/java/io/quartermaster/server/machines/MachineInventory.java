package io.quartermaster.server.machines;

import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.agent.InventoryAck.PowerCorrection;
import io.quartermaster.api.agent.InventoryReport.SeenMachine;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.PowerState;
import io.quartermaster.server.agents.HostInventoryListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compares a host's inventory with the machines the server has there. Only machines at rest are judged
 * (Active or Expired, no step under way): one missing on the hypervisor gets {@code MissingOnHost},
 * one powered otherwise than recorded gets {@code PowerDrift} (and a correction back to the recorded
 * state when policy says so). A condition is kept with the time it was first seen and cleared when a
 * report agrees again; each change is a line on the machine's timeline. Machines the hypervisor has
 * and nobody manages here are handed back as unmanaged.
 */
@Component
class MachineInventory implements HostInventoryListener {

    static final String MISSING = "MissingOnHost";
    static final String DRIFT = "PowerDrift";
    private static final Set<MachineState> AT_REST = Set.of(MachineState.Active, MachineState.Expired);
    private static final Set<MachineState> GONE = Set.of(MachineState.Disposed, MachineState.Rejected, MachineState.Failed);

    private record Known(UUID id, UUID hostId, MachineState state, PowerState power, String step, String address) {}

    private final JdbcClient jdbc;
    private final MachineHistory history;
    private final Clock clock;

    MachineInventory(JdbcClient jdbc, MachineHistory history, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public Reconciliation reconcile(UUID hostId, List<SeenMachine> seen, boolean correctPower) {
        Map<UUID, SeenMachine> seenById = seen.stream().filter(machine -> machine.id() != null)
                .collect(Collectors.toMap(SeenMachine::id, Function.identity(), (first, second) -> first));
        // Live machines only: a host's history of disposed machines grows without end.
        Map<UUID, Known> onHost = known("m.host_id = :host AND m.state NOT IN ('Disposed', 'Rejected', 'Failed')",
                Map.of("host", hostId));
        List<SeenMachine> unmanaged = unmanaged(hostId, seen, seenById, onHost);
        List<PowerCorrection> corrections = new ArrayList<>();
        Map<UUID, Map<String, String>> recorded = recordedConditions(onHost.keySet());
        Instant now = clock.instant();
        for (Known machine : onHost.values()) {
            updateAddress(machine, seenById.get(machine.id()));
            Map<String, String> wanted = new HashMap<>();
            if (AT_REST.contains(machine.state()) && machine.step() == null) {
                SeenMachine there = seenById.get(machine.id());
                if (there == null) {
                    wanted.put(MISSING, "The hypervisor of its host does not have this machine.");
                } else if (drifted(machine.power(), there.powerState())) {
                    wanted.put(DRIFT, "Recorded as " + machine.power() + " but the host reports it " + there.powerState()
                            + (correctPower ? "; the agent is asked to power it " + machine.power() : "") + ".");
                    if (correctPower) {
                        corrections.add(new PowerCorrection(machine.id(), machine.power().name()));
                    }
                }
            }
            apply(machine.id(), recorded.getOrDefault(machine.id(), Map.of()), wanted, now);
        }
        return new Reconciliation(unmanaged, corrections);
    }

    /**
     * A new address the host reports for a live machine is its connection from now on. Status, not a
     * change anyone makes: the machine's version stays. A report without an address keeps the last one.
     */
    private void updateAddress(Known machine, SeenMachine there) {
        String address = there == null ? null : MachineConnection.address(there.address());
        if (address == null || address.equals(machine.address())) {
            return;
        }
        jdbc.sql("UPDATE machines SET address = ? WHERE id = ?").params(address, machine.id()).update();
        history.record(machine.id(), MachineHistory.STEP, null, null, "Inventory", "agent", "Reachable at " + address);
    }

    /** Seen machines that no live machine of this host stands for. */
    private List<SeenMachine> unmanaged(UUID hostId, List<SeenMachine> seen, Map<UUID, SeenMachine> seenById,
            Map<UUID, Known> onHost) {
        List<UUID> elsewhere = seenById.keySet().stream().filter(id -> !onHost.containsKey(id)).toList();
        Map<UUID, Known> others = elsewhere.isEmpty() ? Map.of() : known("m.id IN (:ids)", Map.of("ids", elsewhere));
        return seen.stream().filter(machine -> {
            Known known = machine.id() == null ? null : onHost.getOrDefault(machine.id(), others.get(machine.id()));
            return known == null || !hostId.equals(known.hostId()) || GONE.contains(known.state());
        }).toList();
    }

    private static boolean drifted(PowerState recorded, String reported) {
        if (reported == null || recorded == null) {
            return false;
        }
        return switch (reported) {
            case "On" -> recorded != PowerState.On;
            case "Off" -> recorded != PowerState.Off;
            default -> false; // Suspended or Unknown: not a drift the server can judge
        };
    }

    private void apply(UUID machineId, Map<String, String> recorded, Map<String, String> wanted, Instant now) {
        for (var condition : wanted.entrySet()) {
            if (!recorded.containsKey(condition.getKey())) {
                jdbc.sql("INSERT INTO machine_conditions (machine_id, type, message, since) VALUES (?, ?, ?, ?)")
                        .params(machineId, condition.getKey(), condition.getValue(), ts(now)).update();
                history.record(machineId, MachineHistory.STEP, null, null, "Inventory", "agent",
                        condition.getKey() + ": " + condition.getValue());
            } else if (!recorded.get(condition.getKey()).equals(condition.getValue())) {
                jdbc.sql("UPDATE machine_conditions SET message = ? WHERE machine_id = ? AND type = ?")
                        .params(condition.getValue(), machineId, condition.getKey()).update();
            }
        }
        for (String type : recorded.keySet()) {
            if (!wanted.containsKey(type)) {
                jdbc.sql("DELETE FROM machine_conditions WHERE machine_id = ? AND type = ?").params(machineId, type)
                        .update();
                history.record(machineId, MachineHistory.STEP, null, null, "Inventory", "agent", type + " cleared");
            }
        }
    }

    private Map<UUID, Known> known(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT m.id, m.host_id, m.state, m.power_state, m.current_step, m.address FROM machines m WHERE "
                        + where)
                .params(params)
                .query((rs, row) -> new Known(uuid(rs, "id"), uuid(rs, "host_id"), MachineState.valueOf(rs.getString("state")),
                        rs.getString("power_state") == null ? null : PowerState.valueOf(rs.getString("power_state")),
                        rs.getString("current_step"), rs.getString("address")))
                .list().stream().collect(Collectors.toMap(Known::id, Function.identity()));
    }

    private Map<UUID, Map<String, String>> recordedConditions(Set<UUID> machineIds) {
        Map<UUID, Map<String, String>> recorded = new HashMap<>();
        if (machineIds.isEmpty()) {
            return recorded;
        }
        jdbc.sql("SELECT machine_id, type, message FROM machine_conditions WHERE machine_id IN (:ids)")
                .param("ids", List.copyOf(machineIds))
                .query(rs -> {
                    recorded.computeIfAbsent(uuid(rs, "machine_id"), id -> new HashMap<>())
                            .put(rs.getString("type"), rs.getString("message"));
                });
        return recorded;
    }
}
