package io.quartermaster.agent.driver;

import java.util.UUID;

/** A machine as the hypervisor has it now. */
public record MachineStatus(UUID id, String name, ObservedPower power, int cpu, long memoryMiB) {}
