package io.guanxi.shared.messaging;

import java.util.Objects;

/**
 * One message to one customer through one channel. {@code recipient} is the channel's address (an
 * email address, a phone number, an OpenID ...); subject and body are plain text, already filled in.
 * The purpose tells channels and their rules (consent, quiet hours, frequency caps) whether it is a
 * service message ({@code CARE}) or marketing ({@code PROMOTION}).
 */
public record Message(long customerId, String recipient, String subject, String body, Purpose purpose) {

    /** Why a message is sent. */
    public enum Purpose {
        /** Non-promotional: care moments, service reminders. */
        CARE,
        /** Marketing: campaigns, offers. */
        PROMOTION
    }

    public Message {
        Objects.requireNonNull(purpose, "purpose");
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }
}
