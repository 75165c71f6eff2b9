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
 *
 * <p>Missed days are made up: birthdays, anniversaries and holidays are looked for on every day
 * since the moment's last run (kept per moment), at most {@code guanxi.care.catch-up-days} back, so
 * a day the job did not run is greeted late rather than never; a moment run for the first time, or
 * after a run at a later instant, looks at today only; the days a moment was switched off are not
 * made up when it is switched on again. Service reminders are due on a day and are sent up to the
 * same number of days late.
 *
 * <p>Failed messages (the provider refused them or could not be reached) are tried again by later
 * runs, first thing in a run and only if last tried before it began (so never by the run they
 * failed in, nor by another instance's run at the same time), with the text first written, while
 * their moment is switched on, they are due at most {@code catch-up-days} ago and they have had
 * fewer than {@code guanxi.care.max-attempts} attempts; a retry takes the row back with a
 * conditional update (see {@link CareMessages#reclaim}), so even two instances never send it twice,
 * and the row counts its attempts. A message SKIPPED (no consent, no address, channel not
 * configured) is a decision, not a fault, and is never tried again: consent given later does not
 * bring back a greeting for a day that has passed. A PENDING row left by a crash between claim and
 * send is not tried again either, since it may have been sent.
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

    /**
     * What one run did: moments claimed now (new, or failed ones taken back for another attempt), and
     * of them sent, skipped (no consent, no address ...) and failed.
     */
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

    /**
     * Sends every moment due at {@code now} (the days are taken at this instant in each zone), makes
     * up the days missed since the last run, and tries failed messages again.
     */
    public Result run(Instant now) {
        StoreZones zones = new StoreZones(identity.stores(), loyalty.zone(), now);
        List<MomentSettings> moments = settings.moments();
        Set<CareMoment> enabled = moments.stream()
                .filter(MomentSettings::enabled)
                .map(MomentSettings::kind)
                .collect(Collectors.toSet());
        // Failed messages first, only those tried before this run began: a message that fails in this
        // run, or in another instance's run going on now, waits for the next one.
        Result result = retry(zones, enabled, clock.instant());
        for (MomentSettings moment : moments) {
            if (!moment.enabled()) {
                // Its days pass unsent, and are not made up when it is switched on again.
                settings.ran(moment.kind(), now);
                continue;
            }
            ContactChannel channel = ContactChannel.valueOf(moment.channel());
            Map<ZoneId, List<LocalDate>> targets =
                    targets(zones, settings.lastRun(moment.kind()).orElse(null), now, moment.daysBefore());
            switch (moment.kind()) {
                case BIRTHDAY -> result = result.plus(send(moment, birthdays(channel, zones, targets)));
                case ANNIVERSARY -> result = result.plus(send(moment, anniversaries(channel, zones, targets)));
                case HOLIDAY -> result = result.plus(holidays(moment, channel, zones, targets));
                case SERVICE_REMINDER -> result = result.plus(send(moment, reminders(moment, channel, zones, now)));
            }
            settings.ran(moment.kind(), now);
        }
        return result;
    }

    /**
     * Per zone, the days whose moments are due now: today and the days missed since {@code lastRun}
     * (at most {@code catch-up-days} back), each shifted by the days before.
     */
    private Map<ZoneId, List<LocalDate>> targets(StoreZones zones, Instant lastRun, Instant now, int daysBefore) {
        Map<ZoneId, List<LocalDate>> targets = new HashMap<>();
        for (ZoneId zone : zones.all()) {
            LocalDate today = zones.today(zone);
            LocalDate from = today;
            if (lastRun != null && lastRun.isBefore(now)) {
                LocalDate last = lastRun.atZone(zone).toLocalDate();
                LocalDate earliest = today.minusDays(properties.catchUpDays());
                from = last.isBefore(earliest) ? earliest : last;
            }
            targets.put(
                    zone,
                    from.datesUntil(today.plusDays(1))
                            .map(day -> day.plusDays(daysBefore))
                            .toList());
        }
        return targets;
    }

    private static Set<LocalDate> allDays(Map<ZoneId, List<LocalDate>> targets) {
        Set<LocalDate> days = new HashSet<>();
        targets.values().forEach(days::addAll);
        return days;
    }

    private List<Due> birthdays(ContactChannel channel, StoreZones zones, Map<ZoneId, List<LocalDate>> targets) {
        List<Due> due = new ArrayList<>();
        for (ReachableCustomer c : customers.bornOn(allDays(targets), channel)) {
            for (LocalDate target : targets.get(zones.zone(c.storeId()))) {
                if (sameDay(c.birthday(), target)) {
                    due.add(new Due(c, CareMoment.BIRTHDAY, "BIRTHDAY", target, Map.of()));
                }
            }
        }
        return due;
    }

    private List<Due> anniversaries(ContactChannel channel, StoreZones zones, Map<ZoneId, List<LocalDate>> targets) {
        List<Due> due = new ArrayList<>();
        Set<LocalDate> days = new HashSet<>();
        for (LocalDate target : allDays(targets)) {
            days.add(target.minusDays(1));
            days.add(target);
            days.add(target.plusDays(1));
        }
        for (ReachableCustomer c : customers.joinedOn(days, channel)) {
            ZoneId zone = zones.zone(c.storeId());
            LocalDate joined = c.since().atZone(zone).toLocalDate();
            for (LocalDate target : targets.get(zone)) {
                int years = target.getYear() - joined.getYear();
                if (years >= 1 && sameDay(joined, target)) {
                    due.add(new Due(c, CareMoment.ANNIVERSARY, "ANNIVERSARY", target, Map.of("years", "" + years)));
                }
            }
        }
        return due;
    }

    /** A holiday on one of the target days. */
    private record HolidayOn(Holiday holiday, LocalDate day) {}

    private Result holidays(
            MomentSettings moment, ContactChannel channel, StoreZones zones, Map<ZoneId, List<LocalDate>> targets) {
        Map<ZoneId, List<HolidayOn>> dueByZone = new HashMap<>();
        for (Holiday holiday : settings.holidays()) {
            if (!holiday.enabled()) {
                continue;
            }
            targets.forEach((zone, days) -> {
                for (LocalDate target : days) {
                    if (holiday.fallsOn(target)) {
                        dueByZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(new HolidayOn(holiday, target));
                    }
                }
            });
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
                Locale locale = properties.localeFor(c.storeId());
                for (HolidayOn on : dueByZone.getOrDefault(zone, List.of())) {
                    due.add(new Due(
                            c,
                            CareMoment.HOLIDAY,
                            "HOLIDAY:" + on.holiday().id(),
                            on.day(),
                            Map.of("holiday", on.holiday().name(locale))));
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
        Result result = new Result(0, 0, 0, 0);
        for (Due d : due) {
            Instant at = clock.instant();
            var claim = log.claim(d.customer().id(), d.moment(), d.occasion(), d.dueOn(), moment.channel(), at);
            if (claim.isEmpty()) {
                continue;
            }
            Locale locale = properties.localeFor(d.customer().storeId());
            Map<String, String> values = new HashMap<>(d.values());
            values.put("name", d.customer().displayName());
            values.put("gift", moment.giftRef() == null ? "" : moment.giftRef());
            String subject = CareTemplate.fill(moment.subject(locale), values);
            String body = CareTemplate.fill(moment.body(locale), values);
            result = result.plus(deliver(claim.get(), d.customer(), d.moment(), moment.channel(), subject, body));
        }
        return result;
    }

    /** Tries the failed messages still due (of moments still switched on) again, each taken back by one caller only. */
    private Result retry(StoreZones zones, Set<CareMoment> enabled, Instant started) {
        List<CareMessages.Failed> failed = log
                .failedSince(
                        zones.earliestToday().minusDays(properties.catchUpDays()),
                        started,
                        properties.maxAttempts(),
                        PAGE)
                .stream()
                .filter(f -> enabled.contains(f.moment()))
                .toList();
        Result result = new Result(0, 0, 0, 0);
        Map<String, List<CareMessages.Failed>> byChannel =
                failed.stream().collect(Collectors.groupingBy(CareMessages.Failed::channel));
        for (var entry : byChannel.entrySet()) {
            Map<Long, ReachableCustomer> reachable = customers
                    .byIds(
                            entry.getValue().stream()
                                    .map(CareMessages.Failed::customerId)
                                    .toList(),
                            ContactChannel.valueOf(entry.getKey()))
                    .stream()
                    .collect(Collectors.toMap(ReachableCustomer::id, c -> c));
            for (CareMessages.Failed f : entry.getValue()) {
                ReachableCustomer c = reachable.get(f.customerId());
                if (c == null || !log.reclaim(f.id(), properties.maxAttempts(), started, clock.instant())) {
                    continue; // merged or erased since, or taken by another run
                }
                result = result.plus(deliver(f.id(), c, f.moment(), f.channel(), f.subject(), f.body()));
            }
        }
        return result;
    }

    /** Sends one claimed message (with consent only) and records the outcome in the log and on the timeline. */
    private Result deliver(
            long id, ReachableCustomer customer, CareMoment moment, String channel, String subject, String body) {
        Instant at = clock.instant();
        Delivery delivery;
        if (!customer.consented()) {
            delivery = Delivery.notSent("no consent for " + channel, at);
        } else {
            delivery = channels.send(
                    channel, new Message(customer.id(), customer.address(), subject, body, Message.Purpose.CARE));
        }
        String status = switch (delivery.status()) {
            case SENT -> "SENT";
            case NOT_SENT -> "SKIPPED";
            case FAILED -> "FAILED";
        };
        String reason = masked(delivery.detail(), customer);
        transactions.executeWithoutResult(tx -> {
            log.complete(
                    id,
                    customer.maskedAddress(),
                    subject,
                    body,
                    status,
                    reason,
                    delivery.sent() ? delivery.at() : null);
            if (delivery.sent()) {
                events.publishEvent(new TimelineEntryPublished(
                        customer.id(),
                        "MESSAGE",
                        delivery.at(),
                        "CARE_" + moment.name(),
                        subject,
                        "loyalty",
                        "care:" + id,
                        null));
            }
        });
        return switch (delivery.status()) {
            case SENT -> new Result(1, 1, 0, 0);
            case NOT_SENT -> new Result(1, 0, 1, 0);
            case FAILED -> new Result(1, 0, 0, 1);
        };
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
