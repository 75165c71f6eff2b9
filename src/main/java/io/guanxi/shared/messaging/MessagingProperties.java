package io.guanxi.shared.messaging;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code guanxi.messaging.*}. The SMTP server itself is Spring Boot's {@code spring.mail.*}; without
 * {@code spring.mail.host} the email channel sends nothing and says so.
 *
 * @param emailFrom the sender address of emails to customers
 */
@Validated
@ConfigurationProperties("guanxi.messaging")
public record MessagingProperties(@NotBlank String emailFrom) {

    public MessagingProperties {
        emailFrom = emailFrom == null || emailFrom.isBlank() ? "noreply@guanxi.local" : emailFrom.strip();
    }
}
