package io.quartermaster.api.tenancy;

/**
 * How a group's machines are spread over the hosts its reservations allow, among reservations of the
 * same priority: {@code SPREAD} picks the one with the most room left (balance), {@code PACK} the one
 * with the least that still fits (keeps other hosts free).
 */
public enum PlacementPolicy {
    SPREAD,
    PACK
}
