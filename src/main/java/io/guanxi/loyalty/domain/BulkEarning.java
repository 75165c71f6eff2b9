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
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * transaction on the ledger's unique key ({@code type, source}).
 */
@Component
public class BulkEarning {

    private static final int CHUNK = 10_000;
    private static final List<String> MOVEMENT_COLUMNS =
            List.of("customer_id", "type", "points", "reason", "source", "actor", "note", "occurred_at");
    private static final List<String> LOT_COLUMNS = List.of(
            "customer_id", "movement_id", "source", "earned", "remaining", "earned_at", "available_at", "expires_at");

    private final JdbcClient jdbc;
    private final BulkRows bulk;
    private final PointsLedger ledger;
    private final EarnRules rules;
    private final CustomerApi customers;
    private final Clock clock;
    private final PointsAccounts pointsAccounts;

    BulkEarning(
            JdbcClient jdbc,
            DataSource dataSource,
            PointsLedger ledger,
            LoyaltyProperties properties,
            CustomerApi customers,
            Clock clock,
            PointsAccounts pointsAccounts) {
        this.pointsAccounts = pointsAccounts;
        this.jdbc = jdbc;
        this.bulk = new BulkRows(dataSource);
        this.ledger = ledger;
        this.rules = new EarnRules(properties);
        this.customers = customers;
        this.clock = clock;
    }

    private record Account(String tier, long balance) {}

    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Long> earn(List<PurchaseEarning> purchases) {
        Map<String, Long> earned = new HashMap<>();
        if (purchases.isEmpty()) {
            return earned;
        }
        TreeSet<Long> customerIds = new TreeSet<>();
        purchases.forEach(p -> customerIds.add(p.customerId()));
        Map<Long, Account> accounts = lock(customerIds);
        Map<Long, LocalDate> birthdays = customers.birthdays(customerIds);
        List<Object[]> movements = new ArrayList<>();
        List<PurchaseEarning> credited = new ArrayList<>();
        List<Long> points = new ArrayList<>();
        Map<Long, Long> totals = new HashMap<>();
        List<PurchaseEarning> inDebt = new ArrayList<>();
        for (PurchaseEarning p : purchases) {
            if (earned.containsKey(p.source())) {
                continue;
            }
            Account account = accounts.get(p.customerId());
            if (account.balance() < 0) {
                inDebt.add(p);
                continue;
            }
            long n = rules.pointsFor(p, account.tier(), birthdays.get(p.customerId()));
            earned.put(p.source(), n);
            if (n > 0) {
                movements.add(new Object[] {
                    p.customerId(),
                    MovementType.EARN.name(),
                    n,
                    "PURCHASE",
                    p.source(),
                    p.actor(),
                    p.campaign() == null ? null : "campaign " + p.campaign(),
                    p.occurredAt()
                });
                credited.add(p);
                points.add(n);
                totals.merge(p.customerId(), n, Long::sum);
            }
        }
        long[] movementIds = bulk.insertReturningIds("points_movement", MOVEMENT_COLUMNS, movements);
        List<Object[]> lots = new ArrayList<>(credited.size());
        for (int i = 0; i < credited.size(); i++) {
            PurchaseEarning p = credited.get(i);
            long n = points.get(i);
            lots.add(new Object[] {
                p.customerId(),
                movementIds[i],
                p.source(),
                n,
                n,
                p.occurredAt(),
                rules.availableAt(p.occurredAt()),
                rules.expiresAt(p.occurredAt(), p.zone())
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
        for (PurchaseEarning p : inDebt) {
            earned.put(p.source(), ledger.earnForPurchase(p));
        }
        return earned;
    }

    /** The accounts under row locks, in customer-id order, opening those not there yet. */
    private Map<Long, Account> lock(TreeSet<Long> customerIds) {
        return pointsAccounts.lockOpeningMissing(List.copyOf(customerIds), this::lockExisting, clock.instant());
    }

    private Map<Long, Account> lockExisting(List<Long> ids) {
        Map<Long, Account> accounts = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            jdbc.sql("SELECT customer_id, tier, balance FROM points_account WHERE customer_id = ANY(:ids)"
                            + " ORDER BY customer_id FOR UPDATE")
                    .param(
                            "ids",
                            ids.subList(from, Math.min(ids.size(), from + CHUNK))
                                    .toArray(Long[]::new))
                    .query(rs -> {
                        accounts.put(rs.getLong(1), new Account(rs.getString(2), rs.getLong(3)));
                    });
        }
        return accounts;
    }
}
