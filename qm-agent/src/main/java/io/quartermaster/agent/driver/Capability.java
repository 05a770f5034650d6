package io.quartermaster.agent.driver;

/** An optional feature of a driver; each has its own interface (see {@link Driver#capabilities()}). */
public enum Capability {
    Volumes,
    LinkedClones,
    Snapshots,
    Customization
}
