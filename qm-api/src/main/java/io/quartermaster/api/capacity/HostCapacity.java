package io.quartermaster.api.capacity;

/**
 * A host's capacity: {@code reservable} is the total times the overcommit ratio (disk is never
 * overcommitted), {@code reserved} what reservations take of it, {@code unreserved} what is left for
 * new reservations, {@code claimed} what machines and holds use of the reservations.
 * {@code percentReserved} is the largest share of any resource, which also sets {@code alert}.
 */
public record HostCapacity(
        Amounts reservable,
        Amounts reserved,
        Amounts unreserved,
        Amounts claimed,
        int percentReserved,
        AlertState alert) {}
