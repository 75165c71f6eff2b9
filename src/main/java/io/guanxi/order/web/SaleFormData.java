package io.guanxi.order.web;

import io.guanxi.order.PlaceOrder;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The point-of-sale form: customer, store, product rows, points, coupon code and payment method. */
public class SaleFormData {

    static final int ROWS = 5;

    private Long customerId;
    private Long storeId;
    private List<Row> lines = new ArrayList<>();
    private Long pointsToRedeem;
    private String couponCode;
    private String paymentMethod = "WECHAT_PAY";
    private String idempotencyKey;

    /** One product row; a row without a SKU is unused. */
    public static class Row {
        private String sku;
        private Integer quantity = 1;

        public String getSku() {
            return sku;
        }

        public void setSku(String sku) {
            this.sku = sku;
        }

        public Integer getQuantity() {
            return quantity;
        }

        public void setQuantity(Integer quantity) {
            this.quantity = quantity;
        }
    }

    void pad() {
        while (lines.size() < ROWS) {
            lines.add(new Row());
        }
    }

    PlaceOrder toCommand(List<PlaceOrder.Payment> payments) {
        List<PlaceOrder.Line> rows = lines.stream()
                .filter(r -> r.sku != null && !r.sku.isBlank())
                .map(r -> new PlaceOrder.Line(r.sku.strip(), r.quantity == null ? 1 : r.quantity, null, null))
                .toList();
        if (rows.isEmpty()) {
            throw InvalidRequestException.forField("lines", "add at least one product");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).quantity() < 1) {
                throw InvalidRequestException.forField("lines[" + i + "].quantity", "must be at least 1");
            }
        }
        if (pointsToRedeem != null && pointsToRedeem < 0) {
            throw InvalidRequestException.forField("pointsToRedeem", "must not be negative");
        }
        return new PlaceOrder(
                customerId,
                storeId,
                SalesChannel.STORE,
                null,
                null,
                rows,
                null,
                couponCode == null || couponCode.isBlank() ? null : couponCode.strip(),
                null,
                pointsToRedeem == null ? 0L : pointsToRedeem,
                null,
                payments);
    }

    static PlaceOrder.Payment payment(String method, BigDecimal amount, String currency) {
        return new PlaceOrder.Payment(method, new Money(amount, currency));
    }

    public Long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(Long customerId) {
        this.customerId = customerId;
    }

    public Long getStoreId() {
        return storeId;
    }

    public void setStoreId(Long storeId) {
        this.storeId = storeId;
    }

    public List<Row> getLines() {
        return lines;
    }

    public void setLines(List<Row> lines) {
        this.lines = lines;
    }

    public Long getPointsToRedeem() {
        return pointsToRedeem;
    }

    public void setPointsToRedeem(Long pointsToRedeem) {
        this.pointsToRedeem = pointsToRedeem;
    }

    public String getCouponCode() {
        return couponCode;
    }

    public void setCouponCode(String couponCode) {
        this.couponCode = couponCode;
    }

    public String getPaymentMethod() {
        return paymentMethod;
    }

    public void setPaymentMethod(String paymentMethod) {
        this.paymentMethod = paymentMethod;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }
}
