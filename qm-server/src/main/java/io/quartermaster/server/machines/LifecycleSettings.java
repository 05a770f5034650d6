package io.quartermaster.server.machines;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Lifecycle timing ({@code qm.lifecycle.*}). Leases, tombstones, reminders and approval timeouts are
 * counted in days of {@code dayLength}: one day by default, a minute on a demo server that should show
 * a whole life in an afternoon.
 *
 * @param dayLength             how long a lease or tombstone "day" is
 * @param reminderDaysBefore    default lease reminder, days before the lease ends (owners can change it)
 * @param approvalTimeoutDays   an approval nobody decided in this many days expires (the request is rejected)
 * @param destroyWarningDaysBefore warn the owner this many days before an expired machine is destroyed
 * @param failureBackoff        after a failed power-off at lease end, wait this long before trying again
 */
@ConfigurationProperties("qm.lifecycle")
public record LifecycleSettings(Duration dayLength, Integer reminderDaysBefore, Integer approvalTimeoutDays,
        Integer destroyWarningDaysBefore, Duration failureBackoff) {

    public LifecycleSettings {
        dayLength = dayLength == null ? Duration.ofDays(1) : dayLength;
        reminderDaysBefore = reminderDaysBefore == null ? 3 : reminderDaysBefore;
        approvalTimeoutDays = approvalTimeoutDays == null ? 7 : approvalTimeoutDays;
        destroyWarningDaysBefore = destroyWarningDaysBefore == null ? 1 : destroyWarningDaysBefore;
        failureBackoff = failureBackoff == null ? Duration.ofMinutes(5) : failureBackoff;
        if (dayLength.isNegative() || dayLength.isZero()) {
            throw new IllegalArgumentException("qm.lifecycle.day-length must be positive, e.g. P1D or PT1M");
        }
    }

    Duration days(long count) {
        return dayLength.multipliedBy(count);
    }
}
