package io.guanxi.loyalty.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.loyalty.MovementType;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.shared.persistence.BulkRows;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points for many purchases at once (an import batch): the same {@link EarnRules} as
 * {@link PointsLedger#earnForPurchase}, written set-based — the accounts locked in one statement per
 * 10,000 in customer-id order (the lock order every path keeps), the movements and lots appended in
 * bulk, every balance moved once by the customer's total. A customer in debt (negative balance, so
 * new points must first pay what refunds took back) goes through the single-purchase path, which
 * allocates the new lot to the debt. The purchases are new (stored in the caller's transaction), so
 * none can have earned yet: nothing looks for earlier earnings, and a source given twice fails the
 * transaction on the ledger's unique key ({@code type, source}). On PostgreSQL an import batch
 * stages its points instead ({@link #stage}), and they reach the ledger when the import is through.
 */
@Component
public class BulkEarning {

    private static final List<String> MOVEMENT_COLUMNS =
            List.of("customer_id", "type", "points", "reason", "source", "actor", "note", "occurred_at");
    private static final List<String> LOT_COLUMNS = List.of(
            "customer_id", "movement_id", "source", "earned", "remaining", "earned_at", "available_at", "expires_at");

    private final BulkRows bulk;
    private final PointsLedger ledger;
    private final EarnRules rules;
    private final CustomerApi customers;
    private final Clock clock;
    private final PointsAccounts pointsAccounts;
    private final StagedEarnings staged;

    BulkEarning(
            DataSource dataSource,
            PointsLedger ledger,
            LoyaltyProperties properties,
            CustomerApi customers,
            Clock clock,
            PointsAccounts pointsAccounts,
            StagedEarnings staged) {
        this.pointsAccounts = pointsAccounts;
        this.staged = staged;
        this.bulk = new BulkRows(dataSource);
        this.ledger = ledger;
        this.rules = new EarnRules(properties);
        this.customers = customers;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Long> earn(List<PurchaseEarning> purchases) {
        Map<String, Long> earned = new HashMap<>();
        if (purchases.isEmpty()) {
            return earned;
        }
        List<Long> customerIds = customers(purchases);
        Map<Long, PointsAccounts.Held> accounts = pointsAccounts.lockAll(customerIds, clock.instant());
        // a customer in debt takes the points through the account, whose new lot pays the debt first
        java.util.function.Predicate<PurchaseEarning> inDebt =
                p -> accounts.get(p.customerId()).balance() < 0;
        List<StagedEarnings.Earning> credited = worked(
                purchases, customerIds, customer -> accounts.get(customer).tier(), inDebt, earned);
        List<Object[]> movements = new ArrayList<>(credited.size());
        Map<Long, Long> totals = new HashMap<>();
        for (StagedEarnings.Earning e : credited) {
            movements.add(new Object[] {
                e.customerId(),
                MovementType.EARN.name(),
                e.points(),
                StagedEarnings.PURCHASE,
                e.source(),
                e.actor(),
                e.note(),
                e.occurredAt()
            });
            totals.merge(e.customerId(), e.points(), Long::sum);
        }
        long[] movementIds = bulk.insertReturningIds("points_movement", MOVEMENT_COLUMNS, movements);
        List<Object[]> lots = new ArrayList<>(credited.size());
        for (int i = 0; i < credited.size(); i++) {
            StagedEarnings.Earning e = credited.get(i);
            lots.add(new Object[] {
                e.customerId(),
                movementIds[i],
                e.source(),
                e.points(),
                e.points(),
                e.occurredAt(),
                e.availableAt(),
                e.expiresAt()
            });
        }
        bulk.insert("points_lot", LOT_COLUMNS, lots);
        List<Object[]> balances = new ArrayList<>(totals.size());
        totals.forEach((customer, total) -> balances.add(new Object[] {total, customer}));
        bulk.execute(
                "WITH u AS MATERIALIZED (SELECT * FROM unnest(?::int8[], ?::int8[]) AS u(p, c))"
                        + " UPDATE points_account a SET balance = a.balance + u.p FROM u WHERE a.customer_id = u.c"
                        + PointsAccounts.ONLY_THESE,
                List.of("int8", "int8"),
                "UPDATE points_account SET balance = balance + ? WHERE customer_id = ?",
                balances);
        for (PurchaseEarning p : purchases) {
            if (inDebt.test(p)) {
                earned.put(p.source(), ledger.earnForPurchase(p));
            }
        }
        return earned;
    }

    /**
     * As {@link #earn}, with the points staged for the ledger instead of written to it
     * ({@link StagedEarnings}, PostgreSQL): no account is locked or moved, the points are worked out
     * at the tier each customer has now (an import changes tiers only when it is through its file).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Long> stage(List<PurchaseEarning> purchases) {
        Map<String, Long> earned = new HashMap<>();
        if (purchases.isEmpty()) {
            return earned;
        }
        List<Long> customerIds = customers(purchases);
        Map<Long, String> tiers = pointsAccounts.tiers(customerIds);
        staged.stage(worked(purchases, customerIds, tiers::get, p -> false, earned));
        return earned;
    }

    private static List<Long> customers(List<PurchaseEarning> purchases) {
        TreeSet<Long> customerIds = new TreeSet<>();
        purchases.forEach(p -> customerIds.add(p.customerId()));
        return List.copyOf(customerIds);
    }

    /**
     * Each purchase's points by the rules, once per source, into {@code earned}; answers those with
     * points. Purchases {@code elsewhere} accepts are left out (they are earned another way).
     */
    private List<StagedEarnings.Earning> worked(
            List<PurchaseEarning> purchases,
            List<Long> customerIds,
            java.util.function.LongFunction<String> tierOf,
            java.util.function.Predicate<PurchaseEarning> elsewhere,
            Map<String, Long> earned) {
        Map<Long, LocalDate> birthdays = customers.birthdays(customerIds);
        // as a single purchase earns: the tier programme's multiplier (a batch holds a few tiers)
        Map<String, java.math.BigDecimal> multipliers = new HashMap<>();
        List<StagedEarnings.Earning> credited = new ArrayList<>();
        for (PurchaseEarning p : purchases) {
            if (earned.containsKey(p.source()) || elsewhere.test(p)) {
                continue;
            }
            long n = rules.pointsFor(
                    p,
                    multipliers.computeIfAbsent(tierOf.apply(p.customerId()), ledger::multiplier),
                    birthdays.get(p.customerId()));
            earned.put(p.source(), n);
            if (n > 0) {
                credited.add(new StagedEarnings.Earning(
                        p.customerId(),
                        p.source(),
                        n,
                        p.actor(),
                        p.campaign() == null ? null : "campaign " + p.campaign(),
                        p.occurredAt(),
                        rules.availableAt(p.occurredAt()),
                        rules.expiresAt(p.occurredAt(), p.zone())));
            }
        }
        return credited;
    }
}
