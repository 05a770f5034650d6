package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.MachineStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** What steps report about a machine, in the inventory's words. */
final class Results {

    private Results() {}

    static Map<String, Object> machine(MachineStatus status) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machineId", status.id().toString());
        result.put("name", status.name());
        result.put("power", status.power().name());
        result.put("cpu", status.cpu());
        result.put("memoryMiB", status.memoryMiB());
        return result;
    }
}
