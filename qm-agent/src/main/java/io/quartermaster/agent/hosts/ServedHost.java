package io.quartermaster.agent.hosts;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.steps.StepCatalog;
import java.util.UUID;

/**
 * A host this agent serves: its driver and step handlers, and what the server last said about this agent's
 * role there (primary or backup, and the fencing epoch). Until the first inventory answer the agent does not
 * know its role and acts as a backup: it reports but runs nothing.
 */
public final class ServedHost {

    private final UUID id;
    private final String name;
    private final Driver driver;
    private final StepCatalog steps;
    private volatile boolean factsDelivered;
    private volatile boolean primary;
    private volatile long epoch;

    public ServedHost(UUID id, String name, Driver driver, StepCatalog steps) {
        this.id = id;
        this.name = name;
        this.driver = driver;
        this.steps = steps;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Driver driver() {
        return driver;
    }

    public StepCatalog steps() {
        return steps;
    }

    /**
     * Whether the server has taken this host's facts: it records them only from its primary, so they go with
     * every report until one is answered as primary, and again after this agent was a backup for a while.
     */
    public boolean factsDelivered() {
        return factsDelivered;
    }

    public boolean primary() {
        return primary;
    }

    public long epoch() {
        return epoch;
    }

    void acknowledge(boolean primary, long epoch, boolean sentFacts) {
        this.factsDelivered = primary && (sentFacts || factsDelivered);
        this.primary = primary;
        this.epoch = epoch;
    }

    @Override
    public String toString() {
        return name + " (" + id + ")";
    }
}
