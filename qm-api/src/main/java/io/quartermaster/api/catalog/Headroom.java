package io.quartermaster.api.catalog;

import java.util.UUID;

/**
 * How many more machines of a template the caller can order in a group now: the smaller of what fits
 * in the group's reservations ({@code capacity}) and what their per-user limit leaves ({@code quota},
 * null when there is none). "You can order {@code canOrder} more."
 */
public record Headroom(UUID templateId, String templateName, UUID groupId, int capacity, Integer quota, int canOrder) {}
