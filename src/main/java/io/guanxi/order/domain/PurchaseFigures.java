package io.guanxi.order.domain;

import io.guanxi.customer.CustomerFigureSource;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The customers' purchase figures, read where they are kept (the purchase summary) by rule tags and
 * the customer page: {@code orders.count}, {@code orders.spend}, {@code orders.visits} and
 * {@code orders.lastPurchase} (the business day as an epoch day; rules ask for it as
 * {@code since.orders.lastPurchase}, in days). A customer without orders has none of them.
 */
@Component
class PurchaseFigures implements CustomerFigureSource {

    private static final String SUMMARY = " FROM customer_purchase_summary s WHERE s.customer_id = c.id)";

    @Override
    public Map<String, String> figureSql() {
        return Map.of(
                "orders.count", "(SELECT s.order_count" + SUMMARY,
                "orders.spend", "(SELECT s.spend" + SUMMARY,
                "orders.visits", "(SELECT s.visit_count" + SUMMARY,
                "orders.lastPurchase", "(SELECT s.last_purchase_day" + SUMMARY);
    }
}
