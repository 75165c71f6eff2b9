package io.guanxi.order;

import io.guanxi.identity.CurrentUser;
import io.guanxi.order.domain.OrderBulkIngestion;
import io.guanxi.order.domain.OrderIngestion;
import io.guanxi.order.domain.OrderProperties;
import io.guanxi.order.domain.OrderRefunds;
import io.guanxi.order.domain.Products;
import io.guanxi.order.domain.PurchaseSummaries;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** What other modules may ask of the order module: record orders and refunds, read purchase aggregates. */
@Service
@EnableConfigurationProperties(OrderProperties.class)
public class OrderApi {

    private final OrderIngestion ingestion;
    private final OrderRefunds refunds;
    private final Products products;
    private final PurchaseSummaries summaries;
    private final OrderBulkIngestion bulk;
    private final Clock clock;

    OrderApi(
            OrderIngestion ingestion,
            OrderRefunds refunds,
            Products products,
            PurchaseSummaries summaries,
            OrderBulkIngestion bulk,
            Clock clock) {
        this.bulk = bulk;
        this.ingestion = ingestion;
        this.refunds = refunds;
        this.products = products;
        this.summaries = summaries;
        this.clock = clock;
    }

    public OrderView place(PlaceOrder order, String idempotencyKey, CurrentUser actor) {
        return ingestion.place(order, idempotencyKey, actor).order();
    }

    /**
     * Records many orders at once through the bulk path, with every effect of {@link #place} except
     * spending points: for history loads (demo data). Answers the orders' ids in the given order.
     */
    @org.springframework.transaction.annotation.Transactional
    public java.util.List<Long> placeHistory(java.util.List<PlaceOrder> orders, String actor) {
        return bulk.placeAll(orders, actor);
    }

    public RefundView refund(long orderId, RefundOrder refund, String idempotencyKey, CurrentUser actor) {
        return refunds.refund(orderId, refund, idempotencyKey, actor).refund();
    }

    public RefundView cancel(long orderId, String reason, String idempotencyKey, CurrentUser actor) {
        return refunds.cancel(orderId, reason, idempotencyKey, actor).refund();
    }

    public ProductView addProduct(NewProduct product) {
        return products.add(product, clock.instant());
    }

    public Optional<PurchaseSummary> purchases(long customerId) {
        return summaries.find(customerId, 5);
    }
}
