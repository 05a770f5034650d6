package io.quartermaster.api.agent;

/**
 * An agent still runs a task and asks for more time: the attempt and epoch of the delivery it runs. The
 * server extends the lease only while that delivery is current, exactly as it takes a result only then.
 */
public record TaskLeaseExtension(int attempt, long epoch) {}
