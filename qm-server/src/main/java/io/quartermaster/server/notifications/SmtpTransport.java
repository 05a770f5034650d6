package io.quartermaster.server.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Plain-text UTF-8 mail through Spring's {@link JavaMailSender} ({@code spring.mail.*}). */
final class SmtpTransport implements MailTransport {

    /** Names the outbox row in every message, so a message sent twice (after a node died) can be recognised. */
    static final String ID_HEADER = "X-Quartermaster-Notification";

    private final JavaMailSender sender;
    private final String from;

    SmtpTransport(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public void send(Outbox.Claimed mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(mail.recipientEmail());
            helper.setSubject(mail.subject());
            helper.setText(mail.body(), false);
            message.setHeader(ID_HEADER, mail.id().toString());
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build the message: " + e.getMessage(), e);
        }
        sender.send(message);
    }

    @Override
    public String name() {
        return "smtp";
    }
}
