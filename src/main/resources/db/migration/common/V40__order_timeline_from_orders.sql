-- Orders show on customers' timelines from customer_order itself (OrderTimeline), no longer as a
-- copy written with every order; the copies written so far would show twice.
DELETE FROM customer_timeline_entry WHERE source_module = 'order' AND title = 'ORDER_PLACED';

-- An order entry names the customer a merge moved it from (the first move of that order).
CREATE INDEX customer_order_move_order_idx ON customer_order_move (order_id, merge_id);

-- Nothing looks lots up by source (refunds find them through the customer's lots); the index cost
-- a quarter of every lot insert.
DROP INDEX points_lot_source_idx;
