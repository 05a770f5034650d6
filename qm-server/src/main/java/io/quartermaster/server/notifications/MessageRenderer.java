package io.quartermaster.server.notifications;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a notice into a plain-text e-mail from two Thymeleaf TEXT templates per kind,
 * {@code mail/<kind>.subject.txt} and {@code mail/<kind>.body.txt}. Times are shown in UTC. The engine is
 * this feature's own, separate from the one web pages will use, and reads only {@code mail/}.
 */
@Component
class MessageRenderer {

    static final int MAX_SUBJECT_CHARS = 500;
    static final int MAX_BODY_CHARS = 20_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    record Message(String subject, String body) {}

    private final TemplateEngine engine = new SpringTemplateEngine();
    private final MailSettings settings;

    MessageRenderer(MailSettings settings) {
        this.settings = settings;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        engine.setTemplateResolver(resolver);
    }

    /** The message for a notice to the named reader; throws if the template is missing or broken. */
    Message render(NoticeKind kind, String readerName, Map<String, Object> values) {
        Map<String, Object> variables = new HashMap<>();
        values.forEach((name, value) -> variables.put(name, value instanceof Instant at ? TIME.format(at) : value));
        variables.put("readerName", readerName);
        variables.put("serverUrl", settings.baseUrl());
        Context context = new Context(Locale.ENGLISH, variables);
        // One line, whatever the values hold: a user-supplied name must not add header lines to the message.
        String subject = engine.process(kind.template() + ".subject", context).replaceAll("\\s+", " ").strip();
        String body = engine.process(kind.template() + ".body", context).strip() + "\n";
        return new Message(cut(subject, MAX_SUBJECT_CHARS), cut(body, MAX_BODY_CHARS));
    }

    private static String cut(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
    }
}
