package io.guanxi.shared.messaging;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP ({@code spring.mail.*}). Plain text only, so nothing a template or a customer name
 * contains is ever rendered as HTML; line breaks are taken out of the subject so it cannot add
 * headers. Without a configured SMTP host Spring Boot makes no mail sender and every message comes
 * back {@code NOT_SENT}.
 */
@Component
@EnableConfigurationProperties(MessagingProperties.class)
class EmailChannel implements MessageChannel {

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessagingProperties properties;
    private final Clock clock;

    EmailChannel(ObjectProvider<JavaMailSender> sender, MessagingProperties properties, Clock clock) {
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "EMAIL";
    }

    @Override
    public Delivery send(Message message) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return Delivery.notSent("email is not configured (spring.mail.host)", clock.instant());
        }
        if (message.recipient() == null || message.recipient().isBlank()) {
            return Delivery.notSent("no email address", clock.instant());
        }
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.emailFrom());
            helper.setTo(message.recipient().strip());
            helper.setSubject(message.subject().replaceAll("[\\r\\n]+", " ").strip());
            helper.setText(message.body(), false);
            mail.send(mime);
            return Delivery.sent(clock.instant());
        } catch (MailException | jakarta.mail.MessagingException | IllegalArgumentException e) {
            log.warn("Email to customer {} failed: {}", message.customerId(), e.getMessage());
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Delivery.failed(why.length() > 200 ? why.substring(0, 200) : why, clock.instant());
        }
    }
}
