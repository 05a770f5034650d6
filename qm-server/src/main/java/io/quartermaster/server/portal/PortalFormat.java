package io.quartermaster.server.portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How pages write times, sizes and money, as {@code ${@fmt.…}} in the templates. Times are UTC, like
 * the API's, with how far away they are ("in 6 days") from the server's clock.
 */
@Component("fmt")
public class PortalFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    PortalFormat(Clock clock) {
        this.clock = clock;
    }

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** A timeline's time, to the second. */
    public String exact(Instant at) {
        return at == null ? "" : SECONDS.format(at);
    }

    /** For a {@code <time datetime>} attribute. */
    public String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    /** "in 6 days", "3 hours ago". */
    public String relative(Instant at) {
        if (at == null) {
            return "";
        }
        Duration between = Duration.between(clock.instant(), at);
        boolean future = !between.isNegative();
        Duration size = between.abs();
        String amount;
        // Rounded to the nearest unit: a lease of 30 days ordered a second ago ends "in 30 days".
        if (size.toHours() >= 48) {
            amount = Math.round(size.toMinutes() / 1440.0) + " days";
        } else if (size.toMinutes() >= 120) {
            amount = Math.round(size.toSeconds() / 3600.0) + " hours";
        } else if (size.toSeconds() >= 120) {
            amount = Math.round(size.toSeconds() / 60.0) + " minutes";
        } else {
            return "now";
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** Memory in GiB when it is a whole number of them, else MiB: "1 GiB", "512 MiB". */
    public String memory(long mebibytes) {
        return mebibytes % 1024 == 0 ? (mebibytes / 1024) + " GiB" : mebibytes + " MiB";
    }

    public String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "—";
        }
        return (currency == null ? "" : currency + " ") + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** "1 machine", "3 machines". */
    public String machines(long count) {
        return count + (count == 1 ? " machine" : " machines");
    }

    public String days(Integer days) {
        return days == null ? "permanent" : days + (days == 1 ? " day" : " days");
    }
}
