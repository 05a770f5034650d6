package io.quartermaster.server.notifications;

/**
 * What hands a rendered message over for delivery: SMTP, or the log when no mail server is configured.
 * {@link #send} returns once the message is accepted and throws (a Spring {@code MailException}, usually)
 * when it was not; the sender then tries again later, unless the failure is one that trying again cannot
 * cure (a message that cannot even be built), which {@link OutboxSender} marks FAILED at once.
 */
interface MailTransport {

    void send(Outbox.Claimed mail);

    /** Recorded with each sent message: {@code smtp} or {@code log}. */
    String name();
}
