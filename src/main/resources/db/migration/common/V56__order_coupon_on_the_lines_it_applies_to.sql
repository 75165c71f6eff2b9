-- A coupon that applies to some products only is taken off those lines only: what each line paid,
-- and so what a refund of it pays back and the points and category spend it counts for, is its net
-- amount less its part of the coupon, with the other order-level reductions spread over the rest.
-- NULL on the lines of orders placed before (and of imports, which have no coupon): their coupon
-- stays spread over every line in proportion to its net amount, as it was.
ALTER TABLE order_line ADD COLUMN coupon_share NUMERIC(14, 2);
