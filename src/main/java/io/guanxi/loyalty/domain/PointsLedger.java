package io.guanxi.loyalty.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerView;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.loyalty.MovementType;
import io.guanxi.loyalty.PointsBalance;
import io.guanxi.loyalty.PointsMovementView;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.RefundPolicy;
import io.guanxi.loyalty.RefundReversal;
import io.guanxi.loyalty.ReversalResult;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to points goes through here: each use case locks the customer's account, lets the
 * {@link PointsAccount} decide, and appends the result in the caller's transaction (an order and its
 * points commit or roll back together). Movements with a source are idempotent: the same source
 * twice returns the first movement.
 */
@Service
public class PointsLedger {

    private final PointsAccounts accounts;
    private final LoyaltyProperties properties;
    private final EarnRules rules;
    private final CashValue cash;
    private final CustomerApi customers;
    private final AuditTrail audit;
    private final Tiers tiers;
    private final Clock clock;
    private final StagedEarnings staged;

    PointsLedger(
            PointsAccounts accounts,
            StagedEarnings staged,
            Tiers tiers,
            LoyaltyProperties properties,
            CustomerApi customers,
            AuditTrail audit,
            Clock clock) {
        this.audit = audit;
        this.accounts = accounts;
        this.staged = staged;
        this.tiers = tiers;
        this.properties = properties;
        this.rules = new EarnRules(properties);
        this.cash = new CashValue(properties);
        this.customers = customers;
        this.clock = clock;
    }

    public CashValue cashValue() {
        return cash;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long earnForPurchase(PurchaseEarning purchase) {
        Optional<PointsMovementView> earlier = accounts.movement(MovementType.EARN, purchase.source());
        if (earlier.isPresent()) {
            return earlier.get().points();
        }
        LocalDate birthday = customers
                .find(purchase.customerId(), ScopeFilter.all())
                .map(CustomerView::birthday)
                .orElse(null);
        PointsAccount account = accounts.lock(purchase.customerId(), clock.instant());
        Optional<PointsMovementView> meanwhile = accounts.movement(MovementType.EARN, purchase.source());
        if (meanwhile.isPresent()) {
            return meanwhile.get().points();
        }
        long points = rules.pointsFor(purchase, multiplier(account.tier()), birthday);
        if (points > 0) {
            account.credit(
                    MovementType.EARN,
                    points,
                    "PURCHASE",
                    purchase.source(),
                    purchase.actor(),
                    purchase.campaign() == null ? null : "campaign " + purchase.campaign(),
                    purchase.occurredAt(),
                    rules.availableAt(purchase.occurredAt()),
                    rules.expiresAt(purchase.occurredAt(), purchase.zone()));
            accounts.save(account);
        }
        return points;
    }

    /**
     * The points multiplier of a tier: the tier programme's (database), else the configured one for
     * a code the programme does not know, else 1.
     */
    BigDecimal multiplier(String tier) {
        return tiers.multiplier(tier)
                .orElseGet(() -> properties.tierMultipliers().getOrDefault(tier, BigDecimal.ONE));
    }

    /**
     * Bonus points (sign-up, referral, activity); available at once, valid like any lot. The source
     * makes it once: a repeat answers the first award (also where a merge has since moved the
     * customer), looked up again under the account's lock so that two instances awarding at once
     * answer the same movement.
     */
    @Transactional
    public PointsMovementView award(long customerId, String reason, long points, String source, String actor) {
        return awarded(customerId, reason, points, source, actor, false).movement();
    }

    /**
     * Bonus points granted by hand (sign-up, an activity), audited as a manual adjustment is; a repeat
     * of the same source answers the first award and audits nothing, and a source already awarded to
     * another customer is a conflict rather than that customer's movement.
     */
    @Transactional
    public PointsMovementView grant(long customerId, String reason, long points, String source, String actor) {
        Awarded awarded = awarded(customerId, reason, points, source, actor, true);
        if (awarded.created()) {
            audit.record(
                    "points.award",
                    "customer",
                    customerId,
                    "points=" + points + " movement=" + awarded.movement().id() + " reason=" + reason + " source="
                            + source);
        }
        return awarded.movement();
    }

    private record Awarded(PointsMovementView movement, boolean created) {}

    /**
     * The award of {@code source}: the earlier one (looked up again under the account's lock, so two
     * instances at once answer the same movement; with {@code sameCustomer}, one of another customer
     * is a conflict), or a new one.
     */
    private Awarded awarded(
            long customerId, String reason, long points, String source, String actor, boolean sameCustomer) {
        if (points <= 0) {
            throw InvalidRequestException.forField("points", "no points are configured for " + reason);
        }
        Optional<PointsMovementView> earlier = earlierAward(customerId, source, sameCustomer);
        if (earlier.isPresent()) {
            return new Awarded(earlier.get(), false);
        }
        Instant now = clock.instant();
        PointsAccount account = accounts.lock(customerId, now);
        Optional<PointsMovementView> meanwhile = earlierAward(customerId, source, sameCustomer);
        if (meanwhile.isPresent()) {
            return new Awarded(meanwhile.get(), false);
        }
        PointsMovement movement = account.credit(
                MovementType.EARN, points, reason, source, actor, null, now, now, rules.expiresAt(now, null));
        accounts.save(account);
        return new Awarded(movement.view(), true);
    }

    private Optional<PointsMovementView> earlierAward(long customerId, String source, boolean sameCustomer) {
        Optional<PointsMovementView> earlier = accounts.movement(MovementType.EARN, source);
        if (sameCustomer && earlier.isPresent() && earlier.get().customerId() != customerId) {
            throw ConflictException.because("Points for " + source + " were already awarded to another customer");
        }
        return earlier;
    }

    /** Whether a bonus with this source was ever paid (the ledger pays a source once). */
    public boolean paid(String source) {
        return accounts.movement(MovementType.EARN, source).isPresent();
    }

    /**
     * Takes back the points a bonus gave ({@code awardSource}, e.g. a referral's reward when the
     * purchase that earned it is cancelled), from {@code customerId}, who holds it now: first from
     * the bonus's own lot, then from any lot, oldest first, as a refund takes back a purchase's
     * points. Points already spent become a negative balance down to the {@link RefundPolicy}'s
     * minimum and, as no refund of the holder's can settle a bonus, beyond it too, so a cancellation
     * never fails on points. Once per {@code source}; answers the points taken back (0 when the bonus
     * was never paid).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long takeBack(long customerId, String awardSource, String reason, String source, String actor) {
        if (awardSource == null) {
            return 0;
        }
        Optional<PointsMovementView> award = accounts.movement(MovementType.EARN, awardSource);
        if (award.isEmpty()) {
            return 0;
        }
        Optional<PointsMovementView> earlier = accounts.movement(MovementType.REVERSE, source);
        if (earlier.isPresent()) {
            return -earlier.get().points();
        }
        Instant now = clock.instant();
        // points an import staged for the holder reach the ledger first, as before a refund
        staged.applyFor(customerId);
        PointsAccount account = accounts.lock(customerId, now);
        PointsAccount.Reversal reversal = account.reverse(
                award.get().points(), awardSource, properties.minimumBalance(), 0, reason, source, actor, now);
        accounts.save(account);
        return reversal.reversed();
    }

    /** Spends points (e.g. a cash deduction on an order); refuses more than is available now. */
    @Transactional
    public PointsMovementView redeem(
            long customerId, long points, String reason, String source, String actor, String note) {
        if (points <= 0) {
            throw InvalidRequestException.forField("points", "must be positive");
        }
        Optional<PointsMovementView> earlier = earlierRedemption(customerId, points, source);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = clock.instant();
        PointsAccount account = accounts.lock(customerId, now);
        // again under the lock: a concurrent call with the same reference answers the first's movement
        Optional<PointsMovementView> meanwhile = earlierRedemption(customerId, points, source);
        if (meanwhile.isPresent()) {
            return meanwhile.get();
        }
        PointsMovement movement;
        try {
            movement = account.spend(MovementType.REDEEM, points, reason, source, actor, note, now);
        } catch (InsufficientPointsException e) {
            throw ConflictException.because(e.getMessage());
        }
        accounts.save(account);
        return movement.view();
    }

    /** The redemption made earlier with the same reference (none without one); another one's is a conflict. */
    private Optional<PointsMovementView> earlierRedemption(long customerId, long points, String source) {
        if (source == null) {
            return Optional.empty();
        }
        Optional<PointsMovementView> earlier = accounts.movement(MovementType.REDEEM, source);
        if (earlier.isPresent()
                && (earlier.get().customerId() != customerId || earlier.get().points() != -points)) {
            throw ConflictException.because("Reference " + source + " was already used for another redemption");
        }
        return earlier;
    }

    /** The largest manual correction, either way: beyond it a typing slip, not a correction. */
    public static final long MAX_ADJUSTMENT = 100_000_000;

    /** A manual correction with a reason; positive adds a lot available at once, negative removes points. */
    @Transactional
    public PointsMovementView adjust(long customerId, long delta, String reason, String actor) {
        if (delta == 0 || delta > MAX_ADJUSTMENT || delta < -MAX_ADJUSTMENT) {
            throw InvalidRequestException.forField(
                    "points", "must not be 0 and at most " + MAX_ADJUSTMENT + " either way");
        }
        if (reason == null || reason.isBlank()) {
            throw InvalidRequestException.forField("reason", "is required");
        }
        Instant now = clock.instant();
        PointsAccount account = accounts.lock(customerId, now);
        PointsMovement movement;
        try {
            movement = delta > 0
                    ? account.credit(
                            MovementType.ADJUST,
                            delta,
                            "MANUAL",
                            null,
                            actor,
                            reason,
                            now,
                            now,
                            rules.expiresAt(now, null))
                    : account.deduct(-delta, "MANUAL", actor, reason, now);
        } catch (InsufficientPointsException e) {
            throw ConflictException.because(e.getMessage());
        }
        accounts.save(account);
        audit.record(
                "points.adjust",
                "customer",
                customerId,
                "points=" + delta + " movement=" + movement.id() + " reason=" + reason);
        return movement.view();
    }

    /**
     * Takes back the refunded share of the points a purchase earned and gives back the refunded share
     * of the points spent on it. Earned points already spent follow the {@link RefundPolicy}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ReversalResult reverseForRefund(RefundReversal refund) {
        String currency = refund.refundAmount().currency();
        Optional<PointsAccounts.ReversalRecord> earlier = accounts.reversal(refund.refundSource());
        if (earlier.isPresent()) {
            return result(
                    earlier.get().reversed(),
                    earlier.get().restored(),
                    earlier.get().deducted(),
                    currency);
        }
        if (refund.refundedShare().signum() < 0 || refund.refundedShare().compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("The refunded share lies between 0 and 1");
        }
        Instant now = refund.occurredAt() == null ? clock.instant() : refund.occurredAt();
        // an imported purchase's points may still be staged (its import not through yet)
        staged.applyFor(refund.customerId(), refund.purchaseSource());
        PointsAccount account = accounts.lock(refund.customerId(), now);
        PointsAccounts.ReversalRecord before = accounts.reversalsOf(refund.purchaseSource());
        long earned = accounts.movement(MovementType.EARN, refund.purchaseSource())
                .map(PointsMovementView::points)
                .orElse(0L);
        Optional<PointsMovementView> redeemed = accounts.movement(MovementType.REDEEM, refund.purchaseSource());
        long spent = redeemed.map(m -> -m.points()).orElse(0L);

        // the earned points by what the refunded amounts earned (a double-points category weighs
        // double), the spent points by the money refunded
        BigDecimal earnedShare = refund.refundedShare().compareTo(BigDecimal.ONE) == 0
                        || refund.purchased().isEmpty()
                ? refund.refundedShare()
                : rules.earnedShare(refund.purchased(), refund.refundedSoFar());
        long toReverse = Math.max(0, share(earned, earnedShare) - before.reversed() - before.deducted());
        long toRestore = Math.max(0, share(spent, refund.refundedShare()) - before.restored());

        // lots whose validity ended before the daily job ran are expired first: what they held is
        // worth nothing, so a refund does not take it back in place of points the customer can spend
        account.expire("system", now);
        // the points spent on the purchase come back first, so that they cover earned points
        // already spent before debt or a deduction from the refund does
        if (toRestore > 0) {
            Instant expiry = accounts.latestExpiryTakenBy(redeemed.get().id())
                    .filter(e -> e.isAfter(now.plus(Duration.ofDays(1))))
                    .orElse(now.plus(Duration.ofDays(1)));
            account.credit(
                    MovementType.REVERSE,
                    toRestore,
                    "REFUND_RESTORE",
                    refund.refundSource() + "/restored",
                    refund.actor(),
                    null,
                    now,
                    now,
                    expiry);
        }
        // earned points no lot holds any more: debt down to the policy's floor (none under
        // DEDUCT_FROM_REFUND), then their cash value kept from the refund, then (the refund too
        // small to pay for them) debt below the floor, so that a refund never fails on points
        long settleable = cash.pointsFor(refund.refundAmount());
        PointsAccount.Reversal reversal = account.reverse(
                toReverse,
                refund.purchaseSource(),
                properties.minimumBalance(),
                settleable,
                "REFUND",
                refund.refundSource() + "/earned",
                refund.actor(),
                now);
        long deducted = reversal.uncovered();
        accounts.save(account);
        accounts.recordReversal(
                new PointsAccounts.ReversalRecord(
                        refund.refundSource(),
                        refund.customerId(),
                        refund.purchaseSource(),
                        reversal.reversed(),
                        deducted,
                        toRestore),
                now);
        return result(reversal.reversed(), toRestore, deducted, currency);
    }

    private ReversalResult result(long reversed, long restored, long deducted, String currency) {
        Money deduction = deducted == 0 ? new Money(BigDecimal.ZERO, currency) : cashFor(deducted, currency);
        return new ReversalResult(reversed, restored, deducted, deduction);
    }

    private Money cashFor(long points, String currency) {
        BigDecimal value = BigDecimal.valueOf(points)
                .divide(BigDecimal.valueOf(properties.pointsPerCashUnit()), 2, RoundingMode.UP);
        return new Money(value, currency);
    }

    /** The refunded share of a number of points, rounded half up (all of them at a full refund). */
    static long share(long points, BigDecimal share) {
        if (share.compareTo(BigDecimal.ONE) == 0) {
            return points;
        }
        return BigDecimal.valueOf(points)
                .multiply(share)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /**
     * Moves the points one customer holds (the lots {@code which} selects, with their own
     * availability and expiry) to another, e.g. when two records of one customer are merged. With
     * {@code withDebt}, a negative balance moves too. Both accounts are locked in id order.
     */
    @Transactional
    public long transfer(
            long fromCustomer,
            long toCustomer,
            String reference,
            Predicate<PointsLot> which,
            boolean withDebt,
            String actor) {
        Instant now = clock.instant();
        // points an import staged for either customer go to the ledger first, in lock order
        staged.applyFor(Math.min(fromCustomer, toCustomer));
        staged.applyFor(Math.max(fromCustomer, toCustomer));
        PointsAccount[] pair = lockBoth(fromCustomer, toCustomer, now);
        PointsAccount from = pair[0];
        PointsAccount to = pair[1];
        long moved = 0;
        for (PointsLot lot : from.lots()) {
            if (lot.remaining() == 0 || !which.test(lot)) {
                continue;
            }
            long points = from.transferOut(lot, "MERGE_OUT", reference + ":out:" + lot.id(), actor, now);
            to.credit(
                    MovementType.ADJUST,
                    points,
                    "MERGE_IN",
                    reference + ":in:" + lot.id(),
                    actor,
                    "from customer " + fromCustomer,
                    now,
                    lot.availableAt(),
                    lot.expiresAt());
            moved += points;
        }
        long debt = from.debt();
        if (withDebt && debt > 0) {
            from.credit(
                    MovementType.ADJUST,
                    debt,
                    "MERGE_OUT",
                    reference + ":debt-out",
                    actor,
                    "debt to customer " + toCustomer,
                    now,
                    now,
                    now.plus(Duration.ofDays(1)));
            to.reverse(debt, null, Long.MIN_VALUE / 4, 0, "MERGE_IN", reference + ":debt-in", actor, now);
            moved -= debt;
        }
        accounts.save(from);
        accounts.save(to);
        return moved;
    }

    /**
     * Undoing a merge gives the merged customer back the negative balance the merge moved to the
     * survivor ({@code mergeReference + ":debt-in"}): the survivor is credited what it took over, the
     * merged customer takes it back (from the points moved back to it first, the rest as debt). Once
     * only; returns the points moved (0 when the merge moved no debt).
     */
    @Transactional
    public long returnMergedDebt(
            long survivor, long merged, String mergeReference, String undoReference, String actor) {
        Optional<PointsMovementView> debtIn = accounts.movement(MovementType.REVERSE, mergeReference + ":debt-in");
        if (debtIn.isEmpty()
                || accounts.movement(MovementType.ADJUST, undoReference + ":debt-out")
                        .isPresent()) {
            return 0;
        }
        long debt = -debtIn.get().points();
        Instant now = clock.instant();
        PointsAccount[] pair = lockBoth(survivor, merged, now);
        PointsAccount from = pair[0];
        PointsAccount to = pair[1];
        from.credit(
                MovementType.ADJUST,
                debt,
                "MERGE_OUT",
                undoReference + ":debt-out",
                actor,
                "debt back to customer " + merged,
                now,
                now,
                rules.expiresAt(now, null));
        to.reverse(debt, null, Long.MIN_VALUE / 4, 0, "MERGE_IN", undoReference + ":debt-in", actor, now);
        accounts.save(from);
        accounts.save(to);
        return debt;
    }

    /** Locks two accounts in id order (so two moves between them cannot deadlock); answers them as asked. */
    private PointsAccount[] lockBoth(long first, long second, Instant now) {
        PointsAccount low = accounts.lock(Math.min(first, second), now);
        PointsAccount high = accounts.lock(Math.max(first, second), now);
        return low.customerId() == first ? new PointsAccount[] {low, high} : new PointsAccount[] {high, low};
    }

    /** Expires the due lots of one customer; returns the points expired. */
    @Transactional
    public long expire(long customerId, String actor) {
        Instant now = clock.instant();
        PointsAccount account = accounts.lock(customerId, now);
        long points = account.expire(actor, now).stream()
                .mapToLong(PointsMovement::points)
                .sum();
        accounts.save(account);
        return -points;
    }

    /** The movement of a type with a source (sources are unique per type). */
    public Optional<PointsMovementView> movement(MovementType type, String source) {
        return accounts.movement(type, source);
    }

    @Transactional(readOnly = true)
    public PointsBalance balance(long customerId) {
        Instant now = clock.instant();
        PointsAccount account = accounts.read(customerId);
        Instant soon = now.plus(Duration.ofDays(properties.expiryWarningDays()));
        return new PointsBalance(
                customerId,
                account.tier(),
                account.balance(),
                account.available(now),
                account.pending(now),
                account.expiringBefore(now, soon),
                soon,
                now);
    }
}
