package io.guanxi.shared.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

class EmailChannelTests {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutAnSmtpServerNothingIsSentAndTheReasonIsGiven() {
        EmailChannel channel = new EmailChannel(
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                new MessagingProperties(null),
                clock);
        Delivery delivery = channel.send(new Message(1, "a@example.com", "Hi", "Hello", Message.Purpose.CARE));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.NOT_SENT);
        assertThat(delivery.detail()).contains("spring.mail.host");
    }

    @Test
    void aMissingChannelSendsNothing() {
        MessageChannels channels = new MessageChannels(java.util.List.of(), clock);
        Delivery delivery = channels.send("SMS", new Message(1, "138", "", "x", Message.Purpose.PROMOTION));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.NOT_SENT);
        assertThat(delivery.detail()).contains("SMS");
    }
}
