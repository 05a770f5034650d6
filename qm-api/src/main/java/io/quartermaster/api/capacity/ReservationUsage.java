package io.quartermaster.api.capacity;

/**
 * What is used of a reservation: {@code limit} is its size times its overcommit ratio (disk never
 * overcommitted); {@code percentUsed} is the largest share of any resource or machine slot, which sets
 * {@code alert}.
 */
public record ReservationUsage(
        Amounts limit,
        int maxMachines,
        Amounts claimed,
        int claimedMachines,
        Amounts free,
        int freeMachines,
        int percentUsed,
        AlertState alert) {}
