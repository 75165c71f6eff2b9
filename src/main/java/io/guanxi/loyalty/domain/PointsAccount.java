package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.MovementType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A customer's points: the balance (the sum of the ledger), the lots that still hold points, and the
 * debt left by refunds that took back points already spent. Every change appends movements and
 * allocations; nothing is edited in place. The repository loads an account under a row lock, so one
 * account changes in one transaction at a time.
 *
 * <p>Invariant: {@code balance = sum(lot.remaining) - debt}, with {@code debt > 0} only when no lot
 * holds points (new points pay the debt first).
 */
public final class PointsAccount {

    private static final Comparator<PointsLot> OLDEST_FIRST = Comparator.comparing(PointsLot::expiresAt)
            .thenComparing(PointsLot::earnedAt)
            .thenComparingLong(PointsLot::sequence);

    private final long customerId;
    private final String tier;
    private long balance;
    private final List<PointsLot> lots;
    private final List<Debt> debts;
    private final List<PointsMovement> appended = new ArrayList<>();
    private final List<PointsLot> created = new ArrayList<>();
    private final List<Allocation> allocations = new ArrayList<>();
    private long nextSequence = Long.MAX_VALUE / 2;

    /** A negative movement that lots could not cover yet. */
    public static final class Debt {
        private final PointsMovement movement;
        private long uncovered;

        public Debt(PointsMovement movement, long uncovered) {
            this.movement = movement;
            this.uncovered = uncovered;
        }

        public PointsMovement movement() {
            return movement;
        }

        public long uncovered() {
            return uncovered;
        }
    }

    /** What a reversal did: points taken back (lots and debt) and points it could not take. */
    public record Reversal(PointsMovement movement, long reversed, long uncovered) {}

    private PointsAccount(long customerId, String tier, long balance, List<PointsLot> lots, List<Debt> debts) {
        this.customerId = customerId;
        this.tier = tier;
        this.balance = balance;
        this.lots = new ArrayList<>(lots);
        this.debts = new ArrayList<>(debts);
    }

    public static PointsAccount open(long customerId, String tier) {
        return new PointsAccount(customerId, tier, 0, List.of(), List.of());
    }

    static PointsAccount restore(long customerId, String tier, long balance, List<PointsLot> lots, List<Debt> debts) {
        return new PointsAccount(customerId, tier, balance, lots, debts);
    }

    /** Adds points as a new lot; the lot pays outstanding debt first. */
    public PointsMovement credit(
            MovementType type,
            long points,
            String reason,
            String source,
            String actor,
            String note,
            Instant at,
            Instant availableAt,
            Instant expiresAt) {
        if (points <= 0) {
            throw new IllegalArgumentException("Credit a positive number of points");
        }
        PointsMovement movement = append(type, points, reason, source, actor, note, at);
        PointsLot lot =
                new PointsLot(null, null, movement, source, points, points, at, availableAt, expiresAt, nextSequence++);
        lots.add(lot);
        created.add(lot);
        for (Debt debt : debts) {
            if (lot.remaining() == 0) {
                break;
            }
            long paid = lot.take(debt.uncovered);
            if (paid > 0) {
                debt.uncovered -= paid;
                allocations.add(new Allocation(debt.movement, lot, paid));
            }
        }
        debts.removeIf(d -> d.uncovered == 0);
        return movement;
    }

    /** Spends points from spendable lots, oldest first; refuses to spend more than is available. */
    public PointsMovement spend(
            MovementType type, long points, String reason, String source, String actor, String note, Instant now) {
        if (points <= 0) {
            throw new IllegalArgumentException("Spend a positive number of points");
        }
        long available = available(now);
        if (points > available) {
            throw InsufficientPointsException.of(points, available);
        }
        PointsMovement movement = append(type, -points, reason, source, actor, note, now);
        takeFrom(movement, points, lot -> lot.isSpendable(now));
        return movement;
    }

    /**
     * Removes points by hand: spendable lots first, then pending ones; never more than the lots hold
     * (a manual correction does not create debt).
     */
    public PointsMovement deduct(long points, String reason, String actor, String note, Instant now) {
        if (points <= 0) {
            throw new IllegalArgumentException("Deduct a positive number of points");
        }
        long held = held(now);
        if (points > held) {
            throw InsufficientPointsException.of(points, held);
        }
        PointsMovement movement = append(MovementType.ADJUST, -points, reason, null, actor, note, now);
        long rest = points - takeFrom(movement, points, lot -> lot.isSpendable(now));
        takeFrom(movement, rest, lot -> lot.isPending(now));
        return movement;
    }

    /**
     * Takes back earned points: first from the lot(s) earned by {@code purchaseSource}, then from any
     * lot holding points, oldest first. What no lot holds becomes debt as long as the balance stays at
     * or above {@code minimumBalance}; the rest is returned as uncovered, for the caller to settle
     * (up to {@code settleableElsewhere} points, e.g. a deduction from the refund); anything beyond
     * that becomes debt even below the minimum, so a refund never fails on points.
     */
    public Reversal reverse(
            long points,
            String purchaseSource,
            long minimumBalance,
            long settleableElsewhere,
            String reason,
            String source,
            String actor,
            Instant now) {
        if (points <= 0) {
            return new Reversal(null, 0, 0);
        }
        List<PointsLot> own = lots.stream()
                .filter(l -> l.remaining() > 0 && Objects.equals(l.source(), purchaseSource))
                .sorted(OLDEST_FIRST)
                .toList();
        List<PointsLot> others = lots.stream()
                .filter(l -> l.remaining() > 0 && !Objects.equals(l.source(), purchaseSource))
                .sorted(OLDEST_FIRST)
                .toList();
        long fromOwn =
                Math.min(points, own.stream().mapToLong(PointsLot::remaining).sum());
        long fromOthers = Math.min(
                points - fromOwn,
                others.stream().mapToLong(PointsLot::remaining).sum());
        long covered = fromOwn + fromOthers;
        long shortfall = points - covered;
        long room = Math.max(0, balance - covered - minimumBalance);
        long intoDebt = Math.min(shortfall, room);
        long rest = shortfall - intoDebt;
        long settled = Math.min(rest, Math.max(0, settleableElsewhere));
        intoDebt += rest - settled;
        long total = covered + intoDebt;
        if (total == 0) {
            return new Reversal(null, 0, settled);
        }
        PointsMovement movement = append(MovementType.REVERSE, -total, reason, source, actor, null, now);
        take(movement, own, fromOwn);
        take(movement, others, fromOthers);
        if (intoDebt > 0) {
            debts.add(new Debt(movement, intoDebt));
        }
        return new Reversal(movement, total, settled);
    }

    /** Moves what remains of one of this account's lots out (to another account, e.g. on a merge). */
    public long transferOut(PointsLot lot, String reason, String source, String actor, Instant now) {
        if (!lots.contains(lot)) {
            throw new IllegalArgumentException("Not a lot of this account");
        }
        long points = lot.remaining();
        if (points == 0) {
            return 0;
        }
        PointsMovement movement = append(MovementType.ADJUST, -points, reason, source, actor, null, now);
        allocations.add(new Allocation(movement, lot, lot.take(points)));
        return points;
    }

    /** Expires what remains of every lot whose validity has ended. */
    public List<PointsMovement> expire(String actor, Instant now) {
        List<PointsMovement> expired = new ArrayList<>();
        for (PointsLot lot : lots.stream()
                .filter(l -> l.remaining() > 0 && l.isExpired(now))
                .sorted(OLDEST_FIRST)
                .toList()) {
            String source = lot.id() == null ? null : "lot:" + lot.id();
            PointsMovement movement = append(MovementType.EXPIRE, -lot.remaining(), "EXPIRY", source, actor, null, now);
            allocations.add(new Allocation(movement, lot, lot.take(lot.remaining())));
            expired.add(movement);
        }
        return expired;
    }

    private long takeFrom(PointsMovement movement, long points, Predicate<PointsLot> eligible) {
        List<PointsLot> candidates = lots.stream()
                .filter(l -> l.remaining() > 0)
                .filter(eligible)
                .sorted(OLDEST_FIRST)
                .toList();
        return take(movement, candidates, points);
    }

    private long take(PointsMovement movement, List<PointsLot> candidates, long points) {
        long rest = points;
        for (PointsLot lot : candidates) {
            if (rest == 0) {
                break;
            }
            long taken = lot.take(rest);
            if (taken > 0) {
                allocations.add(new Allocation(movement, lot, taken));
                rest -= taken;
            }
        }
        return points - rest;
    }

    private PointsMovement append(
            MovementType type, long points, String reason, String source, String actor, String note, Instant at) {
        PointsMovement movement = new PointsMovement(null, customerId, type, points, reason, source, actor, note, at);
        appended.add(movement);
        balance += points;
        return movement;
    }

    /** Points that can be spent now. */
    public long available(Instant now) {
        long spendable = sum(lot -> lot.isSpendable(now));
        return Math.max(0, spendable - debt());
    }

    /** Points still in their return window. */
    public long pending(Instant now) {
        return sum(lot -> lot.isPending(now));
    }

    /** Points held by lots that have not expired (spendable or pending). */
    public long held(Instant now) {
        return sum(lot -> !lot.isExpired(now));
    }

    /** Spendable points whose lots expire before {@code until}. */
    public long expiringBefore(Instant now, Instant until) {
        return sum(lot -> lot.isSpendable(now) && lot.expiresAt().isBefore(until))
                + sum(lot -> lot.isPending(now) && lot.expiresAt().isBefore(until));
    }

    public long debt() {
        return debts.stream().mapToLong(Debt::uncovered).sum();
    }

    private long sum(Predicate<PointsLot> which) {
        return lots.stream()
                .filter(l -> l.remaining() > 0)
                .filter(which)
                .mapToLong(PointsLot::remaining)
                .sum();
    }

    public long customerId() {
        return customerId;
    }

    public String tier() {
        return tier;
    }

    public long balance() {
        return balance;
    }

    public List<PointsLot> lots() {
        return List.copyOf(lots);
    }

    /** Movements appended since the account was loaded, in order. */
    public List<PointsMovement> appended() {
        return List.copyOf(appended);
    }

    List<PointsLot> created() {
        return List.copyOf(created);
    }

    /** Allocations appended since the account was loaded, in order. */
    public List<Allocation> allocations() {
        return List.copyOf(allocations);
    }
}
