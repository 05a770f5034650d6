package io.quartermaster.server.capacity;

import io.quartermaster.api.capacity.AlertState;
import io.quartermaster.api.capacity.Amounts;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Capacity arithmetic shared by hosts, reservations and placement; kept pure so it can be property-tested. */
public final class Ratios {

    private Ratios() {}

    /** {@code amount × ratio}, rounded down: the same bound the database's CHECK constraints apply. */
    public static long apply(long amount, BigDecimal ratio) {
        return BigDecimal.valueOf(amount).multiply(ratio).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** The largest share, in whole percent rounded up, that {@code used} takes of {@code limit}. */
    public static int percentUsed(Amounts used, Amounts limit) {
        return Math.max(Math.max(percent(used.cpu(), limit.cpu()), percent(used.memoryMiB(), limit.memoryMiB())),
                percent(used.diskGiB(), limit.diskGiB()));
    }

    public static int percent(long used, long limit) {
        if (limit <= 0) {
            return used > 0 ? 100 : 0;
        }
        return (int) Math.min(100, (used * 100 + limit - 1) / limit);
    }

    public static AlertState alert(int percentUsed, int warningPercent, int criticalPercent, boolean full) {
        if (full) {
            return AlertState.FULL;
        }
        if (percentUsed >= criticalPercent) {
            return AlertState.CRITICAL;
        }
        return percentUsed >= warningPercent ? AlertState.WARNING : AlertState.OK;
    }
}
