-- A customer's lots are reached through the movements that earned them (points_movement_customer_idx)
-- instead of an index of their own: every earned point wrote an entry at a random place of
-- (customer_id, remaining), one of the three customer-keyed indexes an imported order grew. Lots are
-- found by their movement instead, an index that grows at its right-hand end as movements are
-- appended. A lot always belongs to its movement's customer (merges earn new lots for the survivor).
DROP INDEX points_lot_customer_idx;
CREATE INDEX points_lot_movement_idx ON points_lot (movement_id);
