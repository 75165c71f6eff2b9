package io.guanxi.order.domain;

import io.guanxi.customer.TimelineEntry;
import io.guanxi.customer.TimelineSource;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders on their customers' timelines, read from the orders themselves (one range of
 * {@code customer_order_customer_idx} per page) rather than copied into the timeline when they are
 * placed, which for an import of millions of orders was its largest write. An entry came with a
 * merged customer when a merge moved the order: its origin is the customer it was placed for.
 */
@Component
class OrderTimeline implements TimelineSource {

    static final String NAME = "order";

    private final JdbcClient jdbc;

    OrderTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String type() {
        return "ORDER";
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Position before, int limit) {
        String keyset = before == null
                ? ""
                // the first condition bounds the index range; the second breaks ties on the same instant
                : " AND o.placed_at <= :before_at AND (o.placed_at < :before_at OR o.id < :before_id)";
        var sql = jdbc.sql("SELECT o.id, o.customer_id, o.placed_at, o.payable, o.currency, o.points_earned,"
                        + " o.points_used, o.created_by, (SELECT m.from_customer_id FROM customer_order_move m"
                        + " WHERE m.order_id = o.id ORDER BY m.merge_id LIMIT 1) AS origin_id"
                        + " FROM customer_order o WHERE o.customer_id = :customer" + keyset
                        + " ORDER BY o.placed_at DESC, o.id DESC LIMIT :limit")
                .param("customer", customerId)
                .param("limit", limit);
        if (before != null) {
            sql = sql.param("before_at", Timestamp.from(before.occurredAt())).param("before_id", before.id());
        }
        return sql.query((rs, n) -> {
                    long id = rs.getLong("id");
                    long origin = rs.getLong("origin_id");
                    return new TimelineEntry(
                            id,
                            rs.getLong("customer_id"),
                            rs.wasNull() ? rs.getLong("customer_id") : origin,
                            type(),
                            rs.getTimestamp("placed_at").toInstant(),
                            "ORDER_PLACED",
                            detail(
                                    id,
                                    rs.getBigDecimal("payable"),
                                    rs.getString("currency"),
                                    rs.getLong("points_earned"),
                                    rs.getLong("points_used")),
                            NAME,
                            NAME + ":" + id,
                            rs.getString("created_by"));
                })
                .list();
    }

    @Override
    public boolean any(long customerId) {
        return jdbc.sql("SELECT 1 FROM customer_order WHERE customer_id = ? LIMIT 1")
                .param(customerId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** What the entry says: the order number, what was paid and the points earned and spent. */
    static String detail(long id, BigDecimal payable, String currency, long pointsEarned, long pointsUsed) {
        return "#" + id + " · " + payable.toPlainString() + " " + currency
                + (pointsEarned > 0 ? " · +" + pointsEarned + " pts" : "")
                + (pointsUsed > 0 ? " · −" + pointsUsed + " pts" : "");
    }
}
