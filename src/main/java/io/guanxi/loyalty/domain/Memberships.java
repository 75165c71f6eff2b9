package io.guanxi.loyalty.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.AuditTrail;
import io.guanxi.loyalty.Membership;
import io.guanxi.loyalty.TierBenefits;
import io.guanxi.loyalty.TierChanged;
import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import io.guanxi.loyalty.WindowActivity;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.InvalidRequestException.FieldProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership tiers at work: upgrades at once when a customer's purchases qualify them
 * for a higher tier, evaluates customers on their evaluation dates (see {@link TierRules}), and
 * announces every change ({@link TierChanged}, and a line on the customer's timeline).
 */
@Service
public class Memberships {

    private final Tiers tiers;
    private final LoyaltyProperties properties;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final CustomerApi customers;
    private final Clock clock;

    Memberships(
            Tiers tiers,
            LoyaltyProperties properties,
            ApplicationEventPublisher events,
            AuditTrail audit,
            CustomerApi customers,
            Clock clock) {
        this.tiers = tiers;
        this.customers = customers;
        this.properties = properties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Today in the business zone. */
    public LocalDate today() {
        return clock.instant().atZone(properties.zone()).toLocalDate();
    }

    /**
     * The last business date a purchase can have today: a purchase carries its store's date, and a
     * store east of the business zone is already on a later day (up to two, from UTC-12 to UTC+14).
     * No purchase is dated in the future, so a window to this day leaves none of today's out.
     */
    static LocalDate latestBusinessDate(LocalDate today) {
        return today.plusDays(2);
    }

    @Transactional(readOnly = true)
    public TierProgramme programme() {
        return tiers.programme();
    }

    @Transactional(readOnly = true)
    public TierView currentTier(long customerId) {
        return tiers.programme().tierOrLowest(tiers.read(customerId).tier());
    }

    @Transactional(readOnly = true)
    public Membership membership(long customerId) {
        TierProgramme programme = tiers.programme();
        TierRules.State state = tiers.read(customerId);
        TierView tier = programme.tierOrLowest(state.tier());
        LocalDate today = today();
        LocalDate from = TierRules.windowStart(programme, today);
        WindowActivity counted = tiers.windows(List.of(customerId), from, latestBusinessDate(today))
                .getOrDefault(customerId, WindowActivity.none(from, today));
        // shown as the window up to today, in the business zone
        WindowActivity window = new WindowActivity(from, today, counted.spend(), counted.orders(), counted.points());
        Membership.Progress progress = programme
                .above(tier)
                .map(next -> new Membership.Progress(
                        next,
                        next.minSpend() == null
                                ? null
                                : next.minSpend().subtract(window.spend()).max(BigDecimal.ZERO),
                        next.minOrders() == null ? null : Math.max(0, next.minOrders() - window.orders()),
                        next.minPoints() == null ? null : Math.max(0, next.minPoints() - window.points())))
                .orElse(null);
        return new Membership(
                customerId,
                tier,
                state.since(),
                state.reviewOn(),
                state.downgradeOn(),
                window,
                progress,
                tiers.history(customerId, 20));
    }

    /** A purchase stored in this transaction: the customer is upgraded at once if it qualifies them higher. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purchased(long customerId, String actor) {
        evaluate(List.of(customerId), TierRules::onActivity, actor);
    }

    /** Upgrades the customers whose activity qualifies them higher, or ends their grace period. */
    @Transactional
    public int reevaluate(Collection<Long> customerIds, String actor) {
        int changed = 0;
        for (List<Long> chunk : Tiers.chunks(new HashSet<>(customerIds))) {
            changed += evaluate(chunk, TierRules::onActivity, actor);
        }
        return changed;
    }

    /**
     * As {@link #reevaluate}, for customers whose new purchases are known by their newest business
     * day: purchases dated before the qualification window cannot raise anybody's window, so a
     * customer whose newest new purchase is older than the window's first day is left out (in an
     * import of history, the customers who have not bought for longer than the window).
     */
    @Transactional
    public int reevaluateAfterPurchases(Map<Long, LocalDate> newestPurchaseDays, String actor) {
        LocalDate start = TierRules.windowStart(tiers.programme(), today());
        List<Long> inWindow = new ArrayList<>(newestPurchaseDays.size());
        newestPurchaseDays.forEach((customer, day) -> {
            if (!day.isBefore(start)) {
                inWindow.add(customer);
            }
        });
        return reevaluate(inWindow, actor);
    }

    /** Evaluates the customers due (evaluation date or end of grace) among {@code customerIds}. */
    @Transactional
    public int evaluateDue(Collection<Long> customerIds) {
        return evaluate(customerIds, TierRules::onEvaluation, "system");
    }

    interface Rule {
        TierRules.Outcome decide(
                TierProgramme programme, TierRules.State state, WindowActivity window, LocalDate today);
    }

    private int evaluate(Collection<Long> customerIds, Rule rule, String actor) {
        if (customerIds.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        LocalDate today = today();
        TierProgramme programme = tiers.programme();
        Map<Long, TierRules.State> states = tiers.lock(customerIds, now);
        LocalDate start = TierRules.windowStart(programme, today);
        Map<Long, WindowActivity> windows = tiers.windows(states.keySet(), start, latestBusinessDate(today));
        List<Tiers.Decided> decided = new ArrayList<>();
        for (TierRules.State state : states.values()) {
            WindowActivity window = windows.getOrDefault(state.customerId(), WindowActivity.none(start, today));
            TierRules.Outcome outcome = rule.decide(programme, state, window, today);
            if (outcome.changes(state)) {
                decided.add(new Tiers.Decided(state, outcome));
            }
        }
        tiers.apply(decided, actor, now);
        List<TimelineEntryPublished> entries = new ArrayList<>();
        for (Tiers.Decided d : decided) {
            if (d.after().reason() == null) {
                continue;
            }
            TierView from = programme.tierOrLowest(d.before().tier());
            TierView to = programme.tierOrLowest(d.after().tier());
            long customerId = d.before().customerId();
            events.publishEvent(new TierChanged(
                    customerId, from.code(), to.code(), d.after().reason(), now, actor));
            entries.add(new TimelineEntryPublished(
                    customerId,
                    "TIER",
                    now,
                    "TIER_" + d.after().reason(),
                    from.nameZh() + " → " + to.nameZh() + " (" + from.nameEn() + " → " + to.nameEn() + ")",
                    "loyalty",
                    "tier:" + customerId + ":" + now.toEpochMilli() + ":" + to.code(),
                    actor));
        }
        if (entries.size() == 1) {
            events.publishEvent(entries.get(0));
        } else if (!entries.isEmpty()) {
            // many changes at once (import, daily job): the timeline's bulk path in this transaction
            customers.publishTimeline(entries.iterator());
        }
        return entries.size();
    }

    /** Replaces the programme after checking it: 3 to 5 tiers, the lowest open, thresholds rising. */
    @Transactional
    public TierProgramme update(TierProgramme programme, String actor) {
        List<FieldProblem> problems = validate(programme);
        Set<Long> templates = new HashSet<>();
        programme.tiers().forEach(t -> {
            if (t.benefits().birthdayCouponTemplateId() != null) {
                templates.add(t.benefits().birthdayCouponTemplateId());
            }
        });
        Set<Long> existing = tiers.existingCouponTemplates(templates);
        for (int i = 0; i < programme.tiers().size(); i++) {
            Long template = programme.tiers().get(i).benefits().birthdayCouponTemplateId();
            if (template != null && !existing.contains(template)) {
                problems.add(new FieldProblem(
                        "tiers[" + i + "].birthdayCouponTemplateId", "no coupon template " + template));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.forFields(problems);
        }
        TierProgramme before = tiers.programme();
        Set<String> kept =
                new HashSet<>(programme.tiers().stream().map(TierView::code).toList());
        for (TierView old : before.tiers()) {
            if (!kept.contains(old.code()) && tiers.held(old.code())) {
                throw ConflictException.because(
                        "Tier " + old.code() + " is held by customers; rename it instead of removing it");
            }
        }
        tiers.replace(programme, actor, clock.instant());
        audit.record(
                "loyalty.tiers.update",
                "loyalty_tier",
                null,
                "tiers=" + programme.tiers().stream().map(TierView::code).toList() + " window="
                        + programme.windowMonths() + " grace=" + programme.graceDays());
        return tiers.programme();
    }

    static List<FieldProblem> validate(TierProgramme programme) {
        List<FieldProblem> problems = new ArrayList<>();
        List<TierView> list = programme.tiers();
        if (list.size() < 3 || list.size() > 5) {
            problems.add(new FieldProblem("tiers", "there must be 3 to 5 tiers"));
            return problems;
        }
        if (programme.windowMonths() < 1 || programme.windowMonths() > 60) {
            problems.add(new FieldProblem("windowMonths", "must lie between 1 and 60"));
        }
        if (programme.graceDays() < 0 || programme.graceDays() > 365) {
            problems.add(new FieldProblem("graceDays", "must lie between 0 and 365"));
        }
        Set<String> codes = new HashSet<>();
        Set<Integer> ranks = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            TierView t = list.get(i);
            String f = "tiers[" + i + "]";
            if (t.code() == null || !t.code().matches("[A-Z][A-Z0-9_]{0,19}")) {
                problems.add(new FieldProblem(f + ".code", "upper-case letters, digits and _ (at most 20)"));
            } else if (!codes.add(t.code())) {
                problems.add(new FieldProblem(f + ".code", "appears twice"));
            }
            if (!ranks.add(t.rank())) {
                problems.add(new FieldProblem(f + ".rank", "appears twice"));
            }
            if (blank(t.nameZh())
                    || blank(t.nameEn())
                    || t.nameZh().length() > 40
                    || t.nameEn().length() > 40) {
                problems.add(new FieldProblem(f + ".name", "both names are required (at most 40 characters)"));
            }
            if (i == 0 && !t.open()) {
                problems.add(new FieldProblem(f, "the lowest tier has no thresholds"));
            }
            if (i == 0 && t.code() != null && !Tiers.DEFAULT_TIER.equals(t.code())) {
                // new members' accounts are opened in it: any other tier there would give every new
                // member its benefits without qualifying
                problems.add(new FieldProblem(
                        f + ".code",
                        "the lowest tier keeps the code " + Tiers.DEFAULT_TIER + ", where new members start"));
            }
            if (i > 0 && t.open()) {
                problems.add(new FieldProblem(f, "needs at least one threshold (spend, orders or points)"));
            }
            if ((t.minSpend() != null && t.minSpend().signum() <= 0)
                    || (t.minOrders() != null && t.minOrders() <= 0)
                    || (t.minPoints() != null && t.minPoints() <= 0)) {
                problems.add(new FieldProblem(f, "thresholds must be positive"));
            }
            if (i > 0) {
                TierView below = list.get(i - 1);
                if (lower(t.minSpend(), below.minSpend(), BigDecimal::compareTo)
                        || lower(t.minOrders(), below.minOrders(), Integer::compareTo)
                        || lower(t.minPoints(), below.minPoints(), Long::compareTo)) {
                    problems.add(new FieldProblem(f, "thresholds must rise with the rank"));
                }
            }
            if (t.pointsMultiplier() == null
                    || t.pointsMultiplier().signum() <= 0
                    || t.pointsMultiplier().compareTo(BigDecimal.valueOf(10)) > 0) {
                problems.add(new FieldProblem(f + ".pointsMultiplier", "must lie above 0 and at most 10"));
            }
            TierBenefits b = t.benefits();
            if (b.discountRate().signum() < 0 || b.discountRate().compareTo(new BigDecimal("0.5")) > 0) {
                problems.add(new FieldProblem(f + ".discountRate", "must lie between 0 and 0.5"));
            }
            if (b.birthdayPoints() < 0) {
                problems.add(new FieldProblem(f + ".birthdayPoints", "must not be negative"));
            }
            Set<BigDecimal> from = new HashSet<>();
            for (TierBenefits.Reduction r : b.reductions()) {
                if (r.spendFrom() == null
                        || r.amountOff() == null
                        || r.spendFrom().signum() <= 0
                        || r.amountOff().signum() <= 0
                        || r.amountOff().compareTo(r.spendFrom()) >= 0
                        || !from.add(r.spendFrom().stripTrailingZeros())) {
                    problems.add(new FieldProblem(
                            f + ".reductions", "each needs a distinct spend above 0 and an amount off below it"));
                    break;
                }
            }
            if (length(b.birthdayPack()) > 200 || length(b.freeServices()) > 400) {
                problems.add(new FieldProblem(f, "birthday pack at most 200, free services at most 400 characters"));
            }
        }
        return problems;
    }

    private static <T> boolean lower(T value, T below, BiFunction<T, T, Integer> compare) {
        return value != null && below != null && compare.apply(value, below) < 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
