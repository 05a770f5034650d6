package io.quartermaster.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times given on the command line: an ISO-8601 instant ({@code 2030-01-31T12:00:00Z}), a date (midnight
 * UTC), or a distance from now ({@code 7d}, {@code 12h}, {@code 30m}, or ISO {@code P7D}, {@code PT12H}),
 * counted into the future or the past as the option means it.
 */
public final class TimeArguments {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|[dhms])");

    private TimeArguments() {}

    /** {@code 7d} is seven days from now. */
    public static Instant fromNow(String option, String text, Clock clock) {
        return parse(option, text, clock, true);
    }

    /** {@code 7d} is seven days ago. */
    public static Instant beforeNow(String option, String text, Clock clock) {
        return parse(option, text, clock, false);
    }

    private static Instant parse(String option, String text, Clock clock, boolean future) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        Duration distance = distance(value);
        if (distance != null) {
            return future ? clock.instant().plus(distance) : clock.instant().minus(distance);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            // a date, perhaps
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            throw CliException.usage("InvalidOption", option + " '" + text + "' is not a time: give 2030-01-31T12:00:00Z, "
                    + "2030-01-31, or a distance from now such as 7d, 12h, 30m.");
        }
    }

    private static Duration distance(String value) {
        Matcher matcher = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "ms" -> Duration.ofMillis(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException notADuration) {
                return null;
            }
        }
        return null;
    }

    /** A duration option such as {@code --timeout 30m}: {@code 90s}, {@code 30m}, {@code 2h}, or ISO {@code PT30M}. */
    public static Duration duration(String option, String text) {
        Duration distance = distance(text.strip());
        if (distance == null || distance.isNegative()) {
            throw CliException.usage("InvalidOption", option + " '" + text + "' is not a duration: give 500ms, 90s, 30m, 2h or PT30M.");
        }
        return distance;
    }
}
