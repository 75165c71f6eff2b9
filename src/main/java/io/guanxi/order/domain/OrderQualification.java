package io.guanxi.order.domain;

import io.guanxi.loyalty.QualifyingPurchases;
import io.guanxi.loyalty.WindowActivity;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What customers' orders count for membership tiers, read from the orders in one query per chunk of
 * customers: spend net of refunds, orders not refunded or cancelled in full, points earned net of
 * the points refunds reversed; by the order's business day, so a refund leaves the window with its
 * purchase. The time bound (business days are at most fourteen hours from UTC) keeps the read to the
 * window's range of {@code customer_order_customer_idx}.
 */
@Component
class OrderQualification implements QualifyingPurchases {

    private final JdbcClient jdbc;

    OrderQualification(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, WindowActivity> within(Collection<Long> customerIds, LocalDate from, LocalDate to) {
        Map<Long, WindowActivity> result = new HashMap<>();
        if (customerIds.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT o.customer_id, SUM(o.payable - o.refunded_amount),"
                        + " SUM(CASE WHEN o.status IN ('REFUNDED', 'CANCELLED') THEN 0 ELSE 1 END),"
                        + " SUM(o.points_earned - CASE WHEN o.status = 'PLACED' THEN 0 ELSE COALESCE((SELECT"
                        + " SUM(r.points_reversed) FROM order_refund r WHERE r.order_id = o.id), 0) END)"
                        + " FROM customer_order o WHERE o.customer_id = ANY(:ids)"
                        + " AND o.placed_at >= :after AND o.placed_at < :before"
                        + " AND o.business_date BETWEEN :from AND :to GROUP BY o.customer_id")
                .param("ids", customerIds.toArray(Long[]::new))
                .param("after", Timestamp.from(from.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .param("before", Timestamp.from(to.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query(rs -> {
                    result.put(
                            rs.getLong(1),
                            new WindowActivity(from, to, rs.getBigDecimal(2), rs.getLong(3), rs.getLong(4)));
                });
        return result;
    }
}
