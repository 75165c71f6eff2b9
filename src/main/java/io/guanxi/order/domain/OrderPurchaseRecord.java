package io.guanxi.order.domain;

import io.guanxi.loyalty.PurchaseRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a customer has bought, read from their orders (one range of
 * {@code customer_order_customer_idx}, stopping at the first order that still counts).
 */
@Component
class OrderPurchaseRecord implements PurchaseRecord {

    private final JdbcClient jdbc;

    OrderPurchaseRecord(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean hasPurchased(long customerId) {
        return jdbc.sql("SELECT 1 FROM customer_order WHERE customer_id = ? AND status NOT IN ('REFUNDED', 'CANCELLED')"
                        + " LIMIT 1")
                .param(customerId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }
}
