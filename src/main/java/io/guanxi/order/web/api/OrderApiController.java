package io.guanxi.order.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.order.OrderSummary;
import io.guanxi.order.OrderView;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.PurchaseSummary;
import io.guanxi.order.RefundOrder;
import io.guanxi.order.RefundView;
import io.guanxi.order.domain.IdempotencyKeyReusedException;
import io.guanxi.order.domain.OrderIngestion;
import io.guanxi.order.domain.OrderRefunds;
import io.guanxi.order.domain.Orders;
import io.guanxi.order.domain.PurchaseSummaries;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Orders")
@RestController
class OrderApiController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderIngestion ingestion;
    private final OrderRefunds refunds;
    private final PurchaseSummaries summaries;
    private final Orders orders;
    private final CustomerApi customers;
    private final IdentityApi identity;

    OrderApiController(
            OrderIngestion ingestion,
            OrderRefunds refunds,
            PurchaseSummaries summaries,
            Orders orders,
            CustomerApi customers,
            IdentityApi identity) {
        this.ingestion = ingestion;
        this.refunds = refunds;
        this.summaries = summaries;
        this.orders = orders;
        this.customers = customers;
        this.identity = identity;
    }

    @Operation(
            summary = "Record an order (points used and earned in the same transaction). A repeat with the same"
                    + " Idempotency-Key returns the first order and creates nothing; the same key with another body"
                    + " is refused with 422")
    @PostMapping("/api/v1/orders")
    ResponseEntity<OrderView> place(
            @Parameter(description = "Unique per order, chosen by the client (e.g. a UUID)")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @Valid @RequestBody PlaceOrder order) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw InvalidRequestException.forField(IDEMPOTENCY_KEY, "header is required");
        }
        OrderIngestion.Placed placed = ingestion.place(order, idempotencyKey.strip(), identity.requireCurrentUser());
        return ResponseEntity.created(
                        URI.create("/api/v1/orders/" + placed.order().id()))
                .header("Idempotent-Replayed", String.valueOf(placed.replayed()))
                .body(placed.order());
    }

    @Operation(summary = "One order with its lines, payments and refunds")
    @GetMapping("/api/v1/orders/{id}")
    OrderView get(@PathVariable long id) {
        OrderView order = ingestion.view(id);
        if (customers.find(order.customerId(), identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Order", id);
        }
        return order;
    }

    @Operation(
            summary = "Refund some lines (units) of an order, or everything left when no lines are given; earned"
                    + " points are taken back in proportion. An Idempotency-Key makes a repeat harmless")
    @PostMapping("/api/v1/orders/{id}/refunds")
    ResponseEntity<RefundView> refund(
            @PathVariable long id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody RefundOrder refund) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        OrderRefunds.Refunded refunded = refunds.refund(id, refund, key, identity.requireCurrentUser());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + id))
                .header("Idempotent-Replayed", String.valueOf(refunded.replayed()))
                .body(refunded.refund());
    }

    record Cancellation(@Size(max = 500) String reason) {}

    @Operation(
            summary = "Cancel an order nothing was refunded of: everything is paid back, points too, and it no"
                    + " longer counts as a purchase")
    @PostMapping("/api/v1/orders/{id}/cancellation")
    ResponseEntity<RefundView> cancel(
            @PathVariable long id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody Cancellation cancellation) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        OrderRefunds.Refunded refunded = refunds.cancel(id, cancellation.reason(), key, identity.requireCurrentUser());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + id))
                .header("Idempotent-Replayed", String.valueOf(refunded.replayed()))
                .body(refunded.refund());
    }

    @Operation(
            summary =
                    "The customer's purchase aggregates: first and last purchase, orders, spend, visits, top categories")
    @GetMapping("/api/v1/customers/{customerId}/purchases")
    PurchaseSummary purchases(@PathVariable long customerId) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
        return summaries
                .find(customerId, 5)
                .orElseThrow(() -> NotFoundException.of("Purchases of customer", customerId));
    }

    @Operation(summary = "The customer's orders, newest first")
    @GetMapping("/api/v1/customers/{customerId}/orders")
    @Sortable(
            value = {"placedAt", "payable"},
            defaultSort = "placedAt,desc")
    PageResult<OrderSummary> ordersOf(@PathVariable long customerId, PageQuery page) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
        return orders.ofCustomer(customerId, page);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Idempotency-Key reused");
        return ResponseEntity.unprocessableContent().body(problem);
    }
}
