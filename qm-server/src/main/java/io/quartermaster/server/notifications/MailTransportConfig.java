package io.quartermaster.server.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * SMTP when {@code spring.mail.host} is set (Spring Boot then provides a {@link JavaMailSender}), the
 * log otherwise. Running without a mail server is normal in dev mode; in production it is allowed (mail
 * may be unwanted) but said once at start, since nobody would otherwise notice that nothing is mailed.
 */
@Configuration
class MailTransportConfig {

    private static final Logger log = LoggerFactory.getLogger(MailTransportConfig.class);

    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> senders, MailSettings settings,
            @Value("${qm.mode:dev}") String mode) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender != null) {
            return new SmtpTransport(sender, settings.from());
        }
        if ("production".equals(mode) && settings.enabled()) {
            log.warn("No SMTP server is configured (spring.mail.host): notifications are written to the log, not"
                    + " mailed. Set spring.mail.host, or qm.mail.enabled=false to send none.");
        }
        return new LogTransport();
    }
}
