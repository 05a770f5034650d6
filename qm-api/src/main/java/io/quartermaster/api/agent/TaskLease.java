package io.quartermaster.api.agent;

import java.time.Instant;

/**
 * The answer to a {@link TaskLeaseExtension}: the delivery's lease now lasts until {@code leaseUntil} (the
 * server's clock), when it would be delivered again unless answered or extended once more.
 */
public record TaskLease(Instant leaseUntil) {}
