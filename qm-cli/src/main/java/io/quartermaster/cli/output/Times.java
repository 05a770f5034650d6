package io.quartermaster.cli.output;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them in tables: UTC to the minute, and how far away. JSON and YAML keep ISO-8601. */
public final class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String minutes(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }

    public static String seconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }

    /** {@code 2030-01-02 10:00Z (in 3d)}, {@code … (5m ago)}. */
    public static String withDistance(Instant instant, Clock clock) {
        return instant == null ? "" : minutes(instant) + " (" + distance(instant, clock) + ")";
    }

    /** {@code in 3d}, {@code in 5h}, {@code 12m ago}, {@code now}. */
    public static String distance(Instant instant, Clock clock) {
        Duration between = Duration.between(clock.instant(), instant);
        boolean future = !between.isNegative();
        Duration length = between.abs();
        String amount;
        if (length.toDays() >= 2) {
            amount = length.toDays() + "d";
        } else if (length.toHours() >= 2) {
            amount = length.toHours() + "h";
        } else if (length.toMinutes() >= 1) {
            amount = length.toMinutes() + "m";
        } else {
            return "now";
        }
        return future ? "in " + amount : amount + " ago";
    }
}
