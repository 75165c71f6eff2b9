package io.guanxi.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.loyalty.MovementType;
import io.guanxi.loyalty.RefundPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of earn, redeem, refund, expire, adjust and the passing of time on one account,
 * under both refund policies. After every step: the balance is the sum of the ledger, no lot holds
 * less than zero or more than it earned, every lot holds what it earned minus its allocations, no
 * negative movement took more than it moved, nothing spendable is negative, and the balance never
 * falls below the policy's minimum.
 */
class PointsAccountPropertyTests {

    private static final long FLOOR = 500;

    sealed interface Step {}

    record Earn(long points, int pendingDays, int validityDays) implements Step {}

    record Redeem(long points) implements Step {}

    /** {@code settleable}: the points the refund's money can pay for (its size at the redemption rate). */
    record Refund(int purchase, int percent, long settleable) implements Step {}

    record Adjust(long delta) implements Step {}

    record Pass(int hours) implements Step {}

    record Expire() implements Step {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> earn = Combinators.combine(
                        Arbitraries.longs().between(1, 1_000),
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(1, 60))
                .as(Earn::new);
        Arbitrary<Step> redeem = Arbitraries.longs().between(1, 1_500).map(Redeem::new);
        Arbitrary<Step> refund = Combinators.combine(
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(1, 100),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)),
                                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 1_500)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.just(1_000_000L))))
                .as(Refund::new);
        Arbitrary<Step> adjust =
                Arbitraries.longs().between(-800, 800).filter(d -> d != 0).map(Adjust::new);
        Arbitrary<Step> pass = Arbitraries.integers().between(1, 24 * 20).map(Pass::new);
        Arbitrary<Step> expire = Arbitraries.just(new Expire());
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, earn),
                        net.jqwik.api.Tuple.of(3, redeem),
                        net.jqwik.api.Tuple.of(3, refund),
                        net.jqwik.api.Tuple.of(1, adjust),
                        net.jqwik.api.Tuple.of(2, pass),
                        net.jqwik.api.Tuple.of(1, expire))
                .list()
                .ofMinSize(1)
                .ofMaxSize(60);
    }

    @Property(tries = 400)
    void invariantsHoldAfterEveryStep(@ForAll("steps") List<Step> steps, @ForAll RefundPolicy policy) {
        long minimum = policy == RefundPolicy.NEGATIVE_BALANCE ? -FLOOR : 0;
        PointsAccount account = PointsAccount.open(1, "STANDARD");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<String> purchases = new ArrayList<>();
        Map<String, Long> earned = new HashMap<>();
        Map<String, Long> reversed = new HashMap<>();
        int refunds = 0;
        // the lowest the balance may be: the policy's minimum, unless a refund too small to pay for
        // the points no lot holds took it lower
        long floor = minimum;
        for (Step step : steps) {
            int movementsBefore = account.appended().size();
            long balanceBefore = account.balance();
            if (step instanceof Earn e) {
                String source = "order:" + purchases.size();
                purchases.add(source);
                earned.put(source, e.points());
                account.credit(
                        MovementType.EARN,
                        e.points(),
                        "PURCHASE",
                        source,
                        "test",
                        null,
                        now,
                        now.plus(Duration.ofDays(e.pendingDays())),
                        now.plus(Duration.ofDays(e.pendingDays() + e.validityDays())));
            } else if (step instanceof Redeem r) {
                long available = account.available(now);
                try {
                    account.spend(MovementType.REDEEM, r.points(), "GIFT", null, "test", null, now);
                    assertThat(r.points()).isLessThanOrEqualTo(available);
                } catch (InsufficientPointsException refused) {
                    assertThat(r.points()).isGreaterThan(available);
                    assertThat(account.appended()).hasSize(movementsBefore);
                    assertThat(account.balance()).isEqualTo(balanceBefore);
                }
            } else if (step instanceof Refund r && !purchases.isEmpty()) {
                String source = purchases.get(r.purchase() % purchases.size());
                long left = earned.get(source) - reversed.getOrDefault(source, 0L);
                long points = Math.min(left, Math.max(1, earned.get(source) * r.percent() / 100));
                PointsAccount.Reversal reversal = account.reverse(
                        points, source, minimum, r.settleable(), "REFUND", "refund:" + refunds++, "test", now);
                assertThat(reversal.reversed() + reversal.uncovered()).isEqualTo(Math.max(0, points));
                assertThat(reversal.uncovered()).isBetween(0L, r.settleable());
                if (account.balance() < floor) {
                    assertThat(reversal.uncovered())
                            .as("below the floor only once the refund's money is used up")
                            .isEqualTo(r.settleable());
                    floor = account.balance();
                }
                if (reversal.uncovered() > 0) {
                    assertThat(account.balance())
                            .as("money is kept from the refund only when the balance is at its floor")
                            .isLessThanOrEqualTo(Math.min(minimum, balanceBefore));
                }
                reversed.merge(source, points, Long::sum);
            } else if (step instanceof Adjust a) {
                if (a.delta() > 0) {
                    account.credit(
                            MovementType.ADJUST,
                            a.delta(),
                            "MANUAL",
                            null,
                            "test",
                            "up",
                            now,
                            now,
                            now.plus(Duration.ofDays(30)));
                } else {
                    long held = account.held(now);
                    try {
                        account.deduct(-a.delta(), "MANUAL", "test", "down", now);
                        assertThat(-a.delta()).isLessThanOrEqualTo(held);
                    } catch (InsufficientPointsException refused) {
                        assertThat(-a.delta()).isGreaterThan(held);
                        assertThat(account.appended()).hasSize(movementsBefore);
                    }
                }
            } else if (step instanceof Pass p) {
                now = now.plus(Duration.ofHours(p.hours()));
            } else if (step instanceof Expire) {
                Instant at = now;
                account.expire("job", at);
                assertThat(account.lots())
                        .filteredOn(l -> l.isExpired(at))
                        .allSatisfy(l -> assertThat(l.remaining()).isZero());
            }
            checkInvariants(account, now, floor);
        }
    }

    private static void checkInvariants(PointsAccount account, Instant now, long minimum) {
        long ledger =
                account.appended().stream().mapToLong(PointsMovement::points).sum();
        assertThat(account.balance()).as("balance = sum of the ledger").isEqualTo(ledger);
        Map<PointsLot, Long> allocatedPerLot = new HashMap<>();
        Map<PointsMovement, Long> allocatedPerMovement = new HashMap<>();
        for (Allocation a : account.allocations()) {
            allocatedPerLot.merge(a.lot(), a.points(), Long::sum);
            allocatedPerMovement.merge(a.movement(), a.points(), Long::sum);
        }
        long held = 0;
        for (PointsLot lot : account.lots()) {
            assertThat(lot.remaining()).as("no lot below zero").isBetween(0L, lot.earned());
            assertThat(lot.remaining())
                    .as("remaining = earned - allocations")
                    .isEqualTo(lot.earned() - allocatedPerLot.getOrDefault(lot, 0L));
            held += lot.remaining();
        }
        for (PointsMovement m : account.appended()) {
            long allocated = allocatedPerMovement.getOrDefault(m, 0L);
            if (m.points() < 0) {
                assertThat(allocated)
                        .as("a movement takes no more than it moves")
                        .isLessThanOrEqualTo(-m.points());
                if (m.type() != MovementType.REVERSE) {
                    assertThat(allocated)
                            .as("spending is always fully covered by lots")
                            .isEqualTo(-m.points());
                }
            }
        }
        assertThat(account.balance()).as("balance = held - debt").isEqualTo(held - account.debt());
        assertThat(account.available(now)).as("spendable never negative").isNotNegative();
        assertThat(account.balance()).as("never below the policy minimum").isGreaterThanOrEqualTo(minimum);
        if (account.debt() > 0) {
            assertThat(held).as("debt only when no lot holds points").isZero();
        }
    }
}
