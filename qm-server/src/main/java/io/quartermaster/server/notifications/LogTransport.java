package io.quartermaster.server.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without a mail server (dev mode, or none configured): one INFO line per message instead of an e-mail. */
final class LogTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(LogTransport.class);

    @Override
    public void send(Outbox.Claimed mail) {
        log.info("Mail not sent (no SMTP server configured) to {}: {}", mail.recipientEmail(), mail.subject());
    }

    @Override
    public String name() {
        return "log";
    }
}
