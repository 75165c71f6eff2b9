package io.guanxi.loyalty.domain.care;

import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.ReachableCustomer;
import io.guanxi.customer.ReachableCustomers;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.PointsExpiringSoon;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.shared.messaging.Delivery;
import io.guanxi.shared.messaging.Message;
import io.guanxi.shared.messaging.MessageChannels;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Warns a customer that points will expire (the daily points job announces them once, the warning
 * period ahead): a service message on the configured channel, only with the customer's consent on
 * it, in the language of their store, the date as their store's calendar has it. The warning goes on
 * the customer's timeline whether or not a message could be sent, so staff can tell the customer.
 */
@Component
class PointsExpiryNotices {

    private static final Logger log = LoggerFactory.getLogger(PointsExpiryNotices.class);

    private final ReachableCustomers customers;
    private final MessageChannels channels;
    private final MessageSource messages;
    private final IdentityApi identity;
    private final LoyaltyProperties loyalty;
    private final CareProperties care;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ContactChannel channel;

    PointsExpiryNotices(
            ReachableCustomers customers,
            MessageChannels channels,
            MessageSource messages,
            IdentityApi identity,
            LoyaltyProperties loyalty,
            CareProperties care,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${guanxi.loyalty.expiry-warning-channel:EMAIL}") ContactChannel channel) {
        this.customers = customers;
        this.channels = channels;
        this.messages = messages;
        this.identity = identity;
        this.loyalty = loyalty;
        this.care = care;
        this.events = events;
        this.clock = clock;
        this.channel = channel;
    }

    @ApplicationModuleListener
    void on(PointsExpiringSoon expiring) {
        List<ReachableCustomer> found = customers.byIds(List.of(expiring.customerId()), channel);
        if (found.isEmpty()) {
            return; // merged away or erased meanwhile
        }
        ReachableCustomer customer = found.get(0);
        Instant now = clock.instant();
        // the customer's store's calendar: one store read, not every store per notice
        java.time.ZoneId zone = customer.storeId() == null
                ? loyalty.zone()
                : identity.store(customer.storeId())
                        .map(store -> java.time.ZoneId.of(store.zoneId()))
                        .orElse(loyalty.zone());
        LocalDate until = expiring.expiresAt().atZone(zone).toLocalDate();
        Locale locale = care.localeFor(customer.storeId());
        Object[] values = {customer.displayName(), expiring.points(), until.toString()};
        String subject = messages.getMessage("loyalty.points.expiryNotice.subject", values, locale);
        String body = messages.getMessage("loyalty.points.expiryNotice.body", values, locale);
        Delivery delivery = customer.consented()
                ? channels.send(
                        channel.name(),
                        new Message(customer.id(), customer.address(), subject, body, Message.Purpose.CARE))
                : Delivery.notSent("no consent for " + channel, now);
        if (!delivery.sent()) {
            log.info("Points expiry warning to customer {} not sent: {}", customer.id(), delivery.detail());
        }
        events.publishEvent(new TimelineEntryPublished(
                customer.id(),
                "POINTS",
                now,
                delivery.sent() ? "POINTS_EXPIRY_WARNED" : "POINTS_EXPIRING",
                subject,
                "loyalty",
                "points-expiring:" + customer.id() + ":" + expiring.expiresAt().toEpochMilli(),
                null));
    }
}
