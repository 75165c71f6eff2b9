package io.guanxi.shared.messaging;

/**
 * A way to reach customers (email now; SMS, WeChat, app push and webhooks as adapters later). A
 * channel only delivers: consent, quiet hours and frequency caps are the caller's business. {@link
 * #name()} matches the customer module's contact channel with the same consent ({@code EMAIL},
 * {@code SMS} ...).
 */
public interface MessageChannel {

    String name();

    /** Delivers one message; never throws for a delivery problem, it returns it. */
    Delivery send(Message message);
}
