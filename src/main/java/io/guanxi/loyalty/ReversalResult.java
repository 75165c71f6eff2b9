package io.guanxi.loyalty;

import io.guanxi.shared.Money;

/**
 * What a refund did to points: earned points taken back, spent points given back, and the money kept
 * from the refund for earned points that were already spent (policy {@link RefundPolicy#DEDUCT_FROM_REFUND}).
 */
public record ReversalResult(long pointsReversed, long pointsRestored, long pointsDeducted, Money deduction) {}
