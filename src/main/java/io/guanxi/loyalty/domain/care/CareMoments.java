package io.guanxi.loyalty.domain.care;

import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.ReachableCustomer;
import io.guanxi.customer.ReachableCustomers;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.StoreZones;
import io.guanxi.loyalty.domain.entitlement.Entitlements;
import io.guanxi.shared.messaging.Delivery;
import io.guanxi.shared.messaging.Message;
import io.guanxi.shared.messaging.MessageChannels;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the care moments due now and sends them. "Today" is the day in the zone of the customer's
 * store (the loyalty zone for customers without a store), so a birthday greeting goes out on the
 * birthday where the customer lives, whatever the server's zone. Candidates are read set-based per
 * kind of moment; each is claimed in the send log before anything is sent (see {@link
 * CareMessages#claim}), then sent only with the customer's consent on the channel. The log keeps
 * the address masked. Every sent message goes on the customer's timeline.
 */
@Service
public class CareMoments {

    private static final int PAGE = 1_000;

    private final CareSettings settings;
    private final CareMessages log;
    private final Entitlements entitlements;
    private final ReachableCustomers customers;
    private final IdentityApi identity;
    private final MessageChannels channels;
    private final LoyaltyProperties loyalty;
    private final CareProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CareMoments(
            CareSettings settings,
            CareMessages log,
            Entitlements entitlements,
            ReachableCustomers customers,
            IdentityApi identity,
            MessageChannels channels,
            LoyaltyProperties loyalty,
            CareProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.settings = settings;
        this.log = log;
        this.entitlements = entitlements;
        this.customers = customers;
        this.identity = identity;
        this.channels = channels;
        this.loyalty = loyalty;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What one run did: moments claimed now, and of them sent, skipped (no consent, no address ...) and failed. */
    public record Result(int claimed, int sent, int skipped, int failed) {

        Result plus(Result other) {
            return new Result(
                    claimed + other.claimed, sent + other.sent, skipped + other.skipped, failed + other.failed);
        }
    }

    /** One moment due for one customer. */
    private record Due(
            ReachableCustomer customer,
            CareMoment moment,
            String occasion,
            LocalDate dueOn,
            Map<String, String> values) {}

    /** Sends every moment due at the clock's now; safe to run again at any time. */
    public Result run() {
        return run(clock.instant());
    }

    /** Sends every moment due at {@code now} (the days are taken at this instant in each zone). */
    public Result run(Instant now) {
        StoreZones zones = new StoreZones(identity.stores(), loyalty.zone(), now);
        Result result = new Result(0, 0, 0, 0);
        for (MomentSettings moment : settings.moments()) {
            if (!moment.enabled()) {
                continue;
            }
            ContactChannel channel = ContactChannel.valueOf(moment.channel());
            switch (moment.kind()) {
                case BIRTHDAY -> result = result.plus(send(moment, birthdays(moment, channel, zones)));
                case ANNIVERSARY -> result = result.plus(send(moment, anniversaries(moment, channel, zones)));
                case HOLIDAY -> result = result.plus(holidays(moment, channel, zones));
                case SERVICE_REMINDER -> result = result.plus(send(moment, reminders(moment, channel, zones, now)));
            }
        }
        return result;
    }

    private List<Due> birthdays(MomentSettings moment, ContactChannel channel, StoreZones zones) {
        List<Due> due = new ArrayList<>();
        for (ReachableCustomer c : customers.bornOn(zones.targets(moment.daysBefore()), channel)) {
            LocalDate target = zones.today(c.storeId()).plusDays(moment.daysBefore());
            if (sameDay(c.birthday(), target)) {
                due.add(new Due(c, CareMoment.BIRTHDAY, "BIRTHDAY", target, Map.of()));
            }
        }
        return due;
    }

    private List<Due> anniversaries(MomentSettings moment, ContactChannel channel, StoreZones zones) {
        List<Due> due = new ArrayList<>();
        Set<LocalDate> days = new HashSet<>();
        for (LocalDate target : zones.targets(moment.daysBefore())) {
            days.add(target.minusDays(1));
            days.add(target);
            days.add(target.plusDays(1));
        }
        for (ReachableCustomer c : customers.joinedOn(days, channel)) {
            ZoneId zone = zones.zone(c.storeId());
            LocalDate joined = c.since().atZone(zone).toLocalDate();
            LocalDate target = zones.today(c.storeId()).plusDays(moment.daysBefore());
            int years = target.getYear() - joined.getYear();
            if (years >= 1 && sameDay(joined, target)) {
                due.add(new Due(c, CareMoment.ANNIVERSARY, "ANNIVERSARY", target, Map.of("years", "" + years)));
            }
        }
        return due;
    }

    private Result holidays(MomentSettings moment, ContactChannel channel, StoreZones zones) {
        Map<ZoneId, List<Holiday>> dueByZone = new HashMap<>();
        for (Holiday holiday : settings.holidays()) {
            if (!holiday.enabled()) {
                continue;
            }
            for (ZoneId zone : zones.all()) {
                LocalDate target = zones.today(zone).plusDays(moment.daysBefore());
                if (holiday.fallsOn(target)) {
                    dueByZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(holiday);
                }
            }
        }
        Result result = new Result(0, 0, 0, 0);
        if (dueByZone.isEmpty()) {
            return result;
        }
        long after = 0;
        List<ReachableCustomer> page;
        do {
            page = customers.page(after, PAGE, channel);
            List<Due> due = new ArrayList<>();
            for (ReachableCustomer c : page) {
                ZoneId zone = zones.zone(c.storeId());
                LocalDate target = zones.today(zone).plusDays(moment.daysBefore());
                Locale locale = properties.localeFor(c.storeId());
                for (Holiday holiday : dueByZone.getOrDefault(zone, List.of())) {
                    due.add(new Due(
                            c,
                            CareMoment.HOLIDAY,
                            "HOLIDAY:" + holiday.id(),
                            target,
                            Map.of("holiday", holiday.name(locale))));
                }
            }
            result = result.plus(send(moment, due));
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).id();
            }
        } while (page.size() == PAGE);
        return result;
    }

    private List<Due> reminders(MomentSettings moment, ContactChannel channel, StoreZones zones, Instant now) {
        LocalDate from = zones.earliestToday().minusDays(properties.catchUpDays());
        LocalDate to = zones.latestToday().plusDays(moment.daysBefore());
        List<Entitlements.ReminderDue> reminders = entitlements.dueReminders(from, to, now);
        Map<Long, ReachableCustomer> reachable =
                customers
                        .byIds(
                                reminders.stream()
                                        .map(Entitlements.ReminderDue::customerId)
                                        .toList(),
                                channel)
                        .stream()
                        .collect(Collectors.toMap(ReachableCustomer::id, c -> c));
        List<Due> due = new ArrayList<>();
        for (Entitlements.ReminderDue r : reminders) {
            ReachableCustomer c = reachable.get(r.customerId());
            Long store = r.storeId() != null ? r.storeId() : c == null ? null : c.storeId();
            if (c == null || r.dueOn().minusDays(moment.daysBefore()).isAfter(zones.today(store))) {
                continue;
            }
            due.add(new Due(
                    c,
                    CareMoment.SERVICE_REMINDER,
                    "SERVICE:" + r.entitlementId(),
                    r.dueOn(),
                    Map.of("package", r.packageName(), "remaining", "" + r.remaining())));
        }
        return due;
    }

    private Result send(MomentSettings moment, List<Due> due) {
        int claimed = 0;
        int sent = 0;
        int skipped = 0;
        int failed = 0;
        for (Due d : due) {
            Instant at = clock.instant();
            var claim = log.claim(d.customer().id(), d.moment(), d.occasion(), d.dueOn(), moment.channel(), at);
            if (claim.isEmpty()) {
                continue;
            }
            claimed++;
            long id = claim.get();
            Locale locale = properties.localeFor(d.customer().storeId());
            Map<String, String> values = new HashMap<>(d.values());
            values.put("name", d.customer().displayName());
            values.put("gift", moment.giftRef() == null ? "" : moment.giftRef());
            String subject = CareTemplate.fill(moment.subject(locale), values);
            String body = CareTemplate.fill(moment.body(locale), values);
            Delivery delivery;
            if (!d.customer().consented()) {
                delivery = Delivery.notSent("no consent for " + moment.channel(), at);
            } else {
                delivery = channels.send(
                        moment.channel(),
                        new Message(d.customer().id(), d.customer().address(), subject, body, Message.Purpose.CARE));
            }
            String status = switch (delivery.status()) {
                case SENT -> "SENT";
                case NOT_SENT -> "SKIPPED";
                case FAILED -> "FAILED";
            };
            transactions.executeWithoutResult(tx -> {
                log.complete(
                        id,
                        d.customer().maskedAddress(),
                        subject,
                        body,
                        status,
                        masked(delivery.detail(), d.customer()),
                        delivery.sent() ? delivery.at() : null);
                if (delivery.sent()) {
                    events.publishEvent(new TimelineEntryPublished(
                            d.customer().id(),
                            "MESSAGE",
                            delivery.at(),
                            "CARE_" + d.moment().name(),
                            subject,
                            "loyalty",
                            "care:" + id,
                            null));
                }
            });
            switch (delivery.status()) {
                case SENT -> sent++;
                case NOT_SENT -> skipped++;
                case FAILED -> failed++;
            }
        }
        return new Result(claimed, sent, skipped, failed);
    }

    /** A provider's reason with the customer's address, which it may quote, masked. */
    static String masked(String reason, ReachableCustomer customer) {
        if (reason == null || customer.address() == null || customer.address().isEmpty()) {
            return reason;
        }
        return Pattern.compile(Pattern.quote(customer.address()), Pattern.CASE_INSENSITIVE)
                .matcher(reason)
                .replaceAll(Matcher.quoteReplacement(String.valueOf(customer.maskedAddress())));
    }

    /** Same month and day; a 29 February birthday is kept on 28 February in other years. */
    static boolean sameDay(LocalDate date, LocalDate target) {
        if (date == null) {
            return false;
        }
        MonthDay day = MonthDay.from(date);
        if (day.equals(MonthDay.of(2, 29)) && !target.isLeapYear()) {
            day = MonthDay.of(2, 28);
        }
        return day.equals(MonthDay.from(target));
    }
}
