package io.quartermaster.agent.driver;

/** Facts about a host as its hypervisor reports them: what it has, not what is free. */
public record Fingerprint(int cpuCount, long memoryMiB, String hypervisor, String hypervisorVersion) {}
