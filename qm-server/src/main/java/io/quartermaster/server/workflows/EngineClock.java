package io.quartermaster.server.workflows;

import java.time.Clock;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * The BPMN engine's clock, read from the server's {@link Clock}: timers (lease reminders, lease ends,
 * tombstones) fall due by the same time as everything else, and tests move one clock instead of two.
 * Setting the time through the engine is refused: move the server's clock instead.
 */
final class EngineClock implements org.flowable.common.engine.impl.runtime.Clock {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final Clock clock;

    EngineClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Date getCurrentTime() {
        return Date.from(clock.instant());
    }

    @Override
    public Calendar getCurrentCalendar() {
        return getCurrentCalendar(UTC);
    }

    @Override
    public Calendar getCurrentCalendar(TimeZone zone) {
        Calendar calendar = new GregorianCalendar(zone);
        calendar.setTimeInMillis(clock.millis());
        return calendar;
    }

    @Override
    public TimeZone getCurrentTimeZone() {
        return UTC;
    }

    @Override
    public void setCurrentTime(Date time) {
        throw new UnsupportedOperationException("The engine follows the server's clock; move that one instead.");
    }

    @Override
    public void setCurrentCalendar(Calendar time) {
        setCurrentTime(time.getTime());
    }

    @Override
    public void reset() {
        // Nothing to reset: the time is the server's.
    }
}
