package io.quartermaster.agent.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a properties file: {@code 200ms}, {@code 20s}, {@code 5m}, {@code 1h}, or
 * ISO-8601 ({@code PT20S}) as the server's settings take them.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {}

    /** Parses {@code text}; the message of the exception says which forms are accepted. */
    public static Duration parse(String text) {
        String value = text.strip();
        Matcher shortForm = SHORT.matcher(value);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("'" + text + "' is negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write 200ms, 20s, 5m, 1h or PT20S)");
        }
    }
}
