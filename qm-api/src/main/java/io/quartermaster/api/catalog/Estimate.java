package io.quartermaster.api.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What ordering would cost and whether it would go through, before ordering. The price covers the
 * lease ({@code leaseDays}), or 30 days for permanent machines ({@code pricePeriodDays} says which).
 * {@code capacityHeadroom} is how many machines of the template still fit in the group's reservations,
 * {@code quotaRemaining} how many more the caller may have (null: no limit). {@code allowed} is false
 * with {@code problems} naming why ({@code CapacityUnavailable}, {@code QuotaExceeded}).
 */
public record Estimate(
        UUID templateId,
        UUID groupId,
        int count,
        Integer leaseDays,
        int pricePeriodDays,
        String currency,
        BigDecimal pricePerMachinePerDay,
        BigDecimal totalPrice,
        boolean approvalRequired,
        String approvalReason,
        int capacityHeadroom,
        Integer quotaRemaining,
        boolean allowed,
        List<Problem> problems) {

    /** Why an order would be refused. */
    public record Problem(String reason, String message) {}
}
