package io.guanxi.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.loyalty.MovementType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointsAccountTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long NO_FLOOR = -10_000;

    private final PointsAccount account = PointsAccount.open(7, "STANDARD");

    private PointsMovement earn(String source, long points, Instant at, Instant available, Instant expires) {
        return account.credit(MovementType.EARN, points, "PURCHASE", source, "test", null, at, available, expires);
    }

    private PointsMovement earnAvailable(String source, long points, Instant at, Duration validity) {
        return earn(source, points, at, at, at.plus(validity));
    }

    private long ledgerSum() {
        return account.appended().stream().mapToLong(PointsMovement::points).sum();
    }

    @Test
    void spendingTakesTheOldestLotFirst() {
        earnAvailable("order:1", 100, T0, Duration.ofDays(30));
        earnAvailable("order:2", 100, T0.plusSeconds(60), Duration.ofDays(30));
        PointsMovement spend = account.spend(MovementType.REDEEM, 150, "GIFT", null, "test", null, T0.plusSeconds(120));

        List<Allocation> taken = account.allocations().stream()
                .filter(a -> a.movement() == spend)
                .toList();
        assertThat(taken)
                .extracting(a -> a.lot().source(), Allocation::points)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order:1", 100L),
                        org.assertj.core.groups.Tuple.tuple("order:2", 50L));
        assertThat(account.balance()).isEqualTo(50).isEqualTo(ledgerSum());
    }

    @Test
    void theLotThatExpiresFirstIsSpentFirstEvenWhenEarnedLater() {
        earnAvailable("order:long", 100, T0, Duration.ofDays(365));
        earnAvailable("bonus:short", 100, T0.plusSeconds(1), Duration.ofDays(10));
        account.spend(MovementType.REDEEM, 60, "GIFT", null, "test", null, T0.plusSeconds(5));
        assertThat(account.lots())
                .extracting(PointsLot::source, PointsLot::remaining)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("order:long", 100L),
                        org.assertj.core.groups.Tuple.tuple("bonus:short", 40L));
    }

    @Test
    void refusesToSpendMoreThanAvailableAndWritesNothing() {
        earnAvailable("order:1", 100, T0, Duration.ofDays(30));
        earn("order:2", 500, T0, T0.plus(Duration.ofDays(7)), T0.plus(Duration.ofDays(30)));
        assertThatThrownBy(() -> account.spend(MovementType.REDEEM, 101, "GIFT", null, "test", null, T0.plusSeconds(1)))
                .isInstanceOf(InsufficientPointsException.class)
                .hasMessageContaining("only 100");
        assertThat(account.appended()).hasSize(2);
        assertThat(account.balance()).isEqualTo(600);
        assertThat(account.pending(T0.plusSeconds(1))).isEqualTo(500);
        assertThat(account.available(T0.plus(Duration.ofDays(7)))).isEqualTo(600);
    }

    @Test
    void aLotExpiresExactlyAtItsExpiryInstant() {
        Instant expiry = T0.plus(Duration.ofDays(30));
        earn("order:1", 100, T0, T0, expiry);
        Instant justBefore = expiry.minusNanos(1);
        assertThat(account.available(justBefore)).isEqualTo(100);
        assertThat(account.expire("job", justBefore)).isEmpty();
        assertThat(account.available(expiry)).isZero();

        List<PointsMovement> expired = account.expire("job", expiry);
        assertThat(expired).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MovementType.EXPIRE);
            assertThat(m.points()).isEqualTo(-100);
        });
        assertThat(account.balance()).isZero().isEqualTo(ledgerSum());
        assertThat(account.expire("job", expiry.plusSeconds(1)))
                .as("expiring again does nothing")
                .isEmpty();
    }

    @Test
    void refundAfterPartialRedemptionTakesTheRestFromOtherLotsThenLeavesDebt() {
        earnAvailable("order:1", 100, T0, Duration.ofDays(365));
        earnAvailable("order:2", 30, T0.plusSeconds(1), Duration.ofDays(365));
        account.spend(MovementType.REDEEM, 90, "GIFT", null, "test", null, T0.plusSeconds(2));
        // left: order:1 holds 10, order:2 holds 30; refunding all of order:1 takes back 100
        PointsAccount.Reversal reversal =
                account.reverse(100, "order:1", NO_FLOOR, 0, "REFUND", "refund:1/earned", "test", T0.plusSeconds(3));
        assertThat(reversal.reversed()).isEqualTo(100);
        assertThat(reversal.uncovered()).isZero();
        assertThat(account.balance()).isEqualTo(-60).isEqualTo(ledgerSum());
        assertThat(account.debt()).isEqualTo(60);
        assertThat(account.lots()).allSatisfy(l -> assertThat(l.remaining()).isZero());
        assertThat(account.available(T0.plusSeconds(3))).isZero();

        earnAvailable("order:3", 100, T0.plusSeconds(4), Duration.ofDays(365));
        assertThat(account.debt()).as("new points pay the debt first").isZero();
        assertThat(account.available(T0.plusSeconds(4))).isEqualTo(40);
        assertThat(account.balance()).isEqualTo(40).isEqualTo(ledgerSum());
    }

    @Test
    void negativeBalanceStopsAtTheFloorAndTheRestIsForTheCallerToSettle() {
        earnAvailable("order:1", 100, T0, Duration.ofDays(365));
        account.spend(MovementType.REDEEM, 100, "GIFT", null, "test", null, T0.plusSeconds(1));
        PointsAccount.Reversal reversal =
                account.reverse(100, "order:1", -40, 1_000, "REFUND", "refund:1/earned", "test", T0.plusSeconds(2));
        assertThat(reversal.reversed()).isEqualTo(40);
        assertThat(reversal.uncovered()).isEqualTo(60);
        assertThat(account.balance()).isEqualTo(-40);
    }

    @Test
    void deductFromRefundPolicyKeepsTheBalanceAtZero() {
        earnAvailable("order:1", 100, T0, Duration.ofDays(365));
        account.spend(MovementType.REDEEM, 70, "GIFT", null, "test", null, T0.plusSeconds(1));
        PointsAccount.Reversal reversal =
                account.reverse(50, "order:1", 0, 10_000, "REFUND", "refund:1/earned", "test", T0.plusSeconds(2));
        assertThat(reversal.reversed()).isEqualTo(30);
        assertThat(reversal.uncovered())
                .as("20 spent points are paid for from the refund")
                .isEqualTo(20);
        assertThat(account.balance()).isZero().isEqualTo(ledgerSum());
    }

    @Test
    void aManualDeductionTakesPendingPointsButNeverMakesDebt() {
        earn("order:1", 100, T0, T0.plus(Duration.ofDays(7)), T0.plus(Duration.ofDays(30)));
        account.deduct(60, "MANUAL", "manager", "correction", T0.plusSeconds(1));
        assertThat(account.pending(T0.plusSeconds(1))).isEqualTo(40);
        assertThatThrownBy(() -> account.deduct(41, "MANUAL", "manager", "too much", T0.plusSeconds(2)))
                .isInstanceOf(InsufficientPointsException.class);
        assertThat(account.balance()).isEqualTo(40).isEqualTo(ledgerSum());
    }
}
