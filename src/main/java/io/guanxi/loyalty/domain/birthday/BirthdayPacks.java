package io.guanxi.loyalty.domain.birthday;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.CouponView;
import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.loyalty.domain.StoreZones;
import io.guanxi.loyalty.domain.Tiers;
import io.guanxi.loyalty.domain.coupon.CouponLedger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tiers' birthday packs (SPEC L1): on a member's birthday (the day where their store is, in the
 * loyalty zone without a store; 29 February on
 * 28 February in other years), the pack of the tier they hold that day, the coupon of the tier's
 * template and/or its points, once per customer and year. Each pack is claimed first by a row whose
 * unique key is the customer and the year, in the same transaction as the coupon and the points, so
 * a second run, a second instance or a retry gives nothing twice. Birthdays of the last few days are
 * looked at too ({@code guanxi.loyalty.birthday-pack-catch-up-days}), so a day the job did not run
 * is made up the next day. A template that cannot issue on the day (inactive, ended, used up, the
 * customer at its limit) leaves the pack without its coupon; the points are still given.
 */
@Service
public class BirthdayPacks {

    static final String SOURCE = "birthday-pack:";
    private static final int PAGE = 1_000;

    private final JdbcClient jdbc;
    private final Tiers tiers;
    private final CouponLedger coupons;
    private final PointsLedger points;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final LoyaltyProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int catchUpDays;

    BirthdayPacks(
            JdbcClient jdbc,
            Tiers tiers,
            CouponLedger coupons,
            PointsLedger points,
            CustomerApi customers,
            IdentityApi identity,
            LoyaltyProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${guanxi.loyalty.birthday-pack-catch-up-days:2}") int catchUpDays) {
        this.jdbc = jdbc;
        this.tiers = tiers;
        this.coupons = coupons;
        this.points = points;
        this.customers = customers;
        this.identity = identity;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.catchUpDays = Math.max(0, catchUpDays);
    }

    /** What one run did: packs given, and of them with a coupon, the points given, and coupons a template could not issue. */
    public record Result(int given, int coupons, long points, int couponsMissed) {}

    /** A pack given to a customer. */
    public record Pack(long customerId, int year, String tierCode, LocalDate birthdayOn, Long couponId, long points) {}

    private record Due(long customerId, LocalDate day) {}

    /** Gives the packs due at the clock's now; safe to run again at any time. */
    public Result run() {
        return run(clock.instant());
    }

    /** Gives the packs of the birthdays from {@code catch-up} days before {@code now}'s day up to that day. */
    public Result run(Instant now) {
        TierProgramme programme = tiers.programme();
        Map<String, TierView> packs = programme.tiers().stream()
                .filter(t -> t.benefits().givesBirthdayPack())
                .collect(Collectors.toMap(TierView::code, Function.identity()));
        if (packs.isEmpty()) {
            return new Result(0, 0, 0, 0);
        }
        StoreZones zones = new StoreZones(identity.stores(), properties.zone(), now);
        Set<Month> months = new LinkedHashSet<>();
        for (LocalDate day = zones.earliestToday().minusDays(catchUpDays);
                !day.isAfter(zones.latestToday());
                day = day.plusDays(1)) {
            months.add(day.getMonth());
        }
        String lowest = programme.lowest().code();
        int given = 0;
        int withCoupon = 0;
        long pointsGiven = 0;
        int missed = 0;
        for (Month month : months) {
            long after = 0;
            List<Long> born;
            do {
                born = customers.bornInMonth(month, after, PAGE);
                if (born.isEmpty()) {
                    break;
                }
                after = born.get(born.size() - 1);
                Map<Long, LocalDate> birthdays = customers.birthdays(born);
                Map<Long, Long> stores = customers.storesOf(birthdays.keySet());
                List<Due> due = due(birthdays, id -> zones.today(stores.get(id)));
                Map<Long, String> held =
                        tiers.tiersOf(due.stream().map(Due::customerId).toList());
                for (Due d : due) {
                    TierView tier = packs.get(held.getOrDefault(d.customerId(), lowest));
                    if (tier == null) {
                        continue;
                    }
                    Optional<Pack> pack = give(d, tier, now);
                    if (pack.isPresent()) {
                        given++;
                        pointsGiven += pack.get().points();
                        if (pack.get().couponId() != null) {
                            withCoupon++;
                        } else if (tier.benefits().birthdayCouponTemplateId() != null) {
                            missed++;
                        }
                    }
                }
            } while (born.size() == PAGE);
        }
        return new Result(given, withCoupon, pointsGiven, missed);
    }

    /**
     * The customers whose birthday falls on their today (where their store is) or one of the
     * catch-up days before it, each with that day.
     */
    private List<Due> due(Map<Long, LocalDate> birthdays, Function<Long, LocalDate> todayOf) {
        List<Due> due = new ArrayList<>();
        birthdays.forEach((customerId, birthday) -> {
            LocalDate today = todayOf.apply(customerId);
            for (int back = catchUpDays; back >= 0; back--) {
                LocalDate day = today.minusDays(back);
                if (celebratedOn(birthday, day)) {
                    due.add(new Due(customerId, day));
                    break;
                }
            }
        });
        due.sort(java.util.Comparator.comparingLong(Due::customerId));
        return due;
    }

    /** Whether a birthday is celebrated on a day: the same month and day, 29 February on 28 February in other years. */
    static boolean celebratedOn(LocalDate birthday, LocalDate day) {
        MonthDay born = MonthDay.from(birthday);
        if (born.equals(MonthDay.from(day))) {
            return true;
        }
        return born.equals(MonthDay.of(Month.FEBRUARY, 29))
                && !day.isLeapYear()
                && MonthDay.from(day).equals(MonthDay.of(Month.FEBRUARY, 28));
    }

    /** Claims and gives one pack in one transaction; empty when this customer's pack of that year was given already. */
    private Optional<Pack> give(Due due, TierView tier, Instant now) {
        return transactions.execute(status -> {
            int year = due.day().getYear();
            long customerId = due.customerId();
            long bonus = tier.benefits().birthdayPoints();
            int claimed = jdbc.sql("INSERT INTO loyalty_birthday_pack (customer_id, pack_year, issued_to, tier_code,"
                            + " birthday_on, points, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(
                            customerId,
                            year,
                            customerId,
                            tier.code(),
                            Date.valueOf(due.day()),
                            bonus,
                            Timestamp.from(now))
                    .update();
            if (claimed == 0) {
                return Optional.<Pack>empty();
            }
            String source = SOURCE + customerId + ":" + year;
            Long templateId = tier.benefits().birthdayCouponTemplateId();
            Optional<CouponView> coupon = templateId == null
                    ? Optional.empty()
                    : coupons.issueIfUsable(
                            templateId,
                            new CouponLedger.Recipient(customerId, source),
                            CouponLedger.Via.BIRTHDAY_PACK,
                            "system");
            coupon.ifPresent(c -> jdbc.sql(
                            "UPDATE loyalty_birthday_pack SET coupon_id = ? WHERE customer_id = ? AND pack_year = ?")
                    .params(c.id(), customerId, year)
                    .update());
            if (bonus > 0) {
                points.award(customerId, "BIRTHDAY_PACK", bonus, source, "system");
            }
            String detail = tier.nameZh() + " (" + tier.nameEn() + ")"
                    + coupon.map(c -> " · " + c.templateName()).orElse("")
                    + (bonus > 0 ? " · +" + bonus + " pts" : "");
            events.publishEvent(new TimelineEntryPublished(
                    customerId, "TIER", now, "BIRTHDAY_PACK", detail, "loyalty", source, "system"));
            return Optional.of(new Pack(
                    customerId,
                    year,
                    tier.code(),
                    due.day(),
                    coupon.map(CouponView::id).orElse(null),
                    bonus));
        });
    }

    /** The packs a customer holds, newest first. */
    public List<Pack> of(long customerId) {
        return jdbc.sql("SELECT customer_id, pack_year, tier_code, birthday_on, coupon_id, points"
                        + " FROM loyalty_birthday_pack WHERE customer_id = ? ORDER BY pack_year DESC, id DESC")
                .param(customerId)
                .query((rs, n) -> new Pack(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getDate(4).toLocalDate(),
                        rs.getObject(5, Long.class),
                        rs.getLong(6)))
                .list();
    }
}
