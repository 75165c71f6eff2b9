-- The purchase summary keeps the last business day with a purchase (as an epoch day), so that the
-- customers' purchase figures (count, spend, store visits, last purchase) are read by rule tags
-- from the summary itself (the order module offers them as a CustomerFigureSource) instead of being
-- copied into customer_metric after every order. The copies made so far are removed.
ALTER TABLE customer_purchase_summary ADD COLUMN last_purchase_day BIGINT;
DELETE FROM customer_metric WHERE metric IN ('orders.count', 'orders.spend', 'orders.visits', 'orders.lastPurchase');
