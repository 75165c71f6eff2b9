package io.guanxi.loyalty;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Where tier qualification reads purchases: the module that keeps the orders answers, per customer,
 * what their purchases dated {@code from}..{@code to} (business days in the store's zone, inclusive)
 * still amount to — spend net of refunds, the orders not refunded or cancelled in full, and the
 * points they earned net of those refunds reversed. A refund leaves the window with its purchase,
 * and merges carry the orders, so qualification needs no copy of its own.
 */
public interface QualifyingPurchases {

    /** Customers without purchases in the window are absent. */
    Map<Long, WindowActivity> within(Collection<Long> customerIds, LocalDate from, LocalDate to);
}
