package io.quartermaster.agent.driver;

/** A machine's power as the hypervisor reports it; the names are those of the inventory report. */
public enum ObservedPower {
    On,
    Off,
    Suspended,
    Unknown
}
