-- A customer's visit days (business days with a store purchase) are kept on their purchase summary,
-- in order, each once, instead of one row per customer and day: an import's last step wrote one
-- conflict-checked row per order into customer_visit_day, keyed by customer, for a count the
-- summary keeps anyway. visit_count stays (rules read it) and equals cardinality(visit_days).
ALTER TABLE customer_purchase_summary ADD COLUMN visit_days DATE[] NOT NULL DEFAULT '{}';
UPDATE customer_purchase_summary s SET visit_days = v.days, visit_count = cardinality(v.days)
    FROM (SELECT customer_id, array_agg(visit_date ORDER BY visit_date) AS days
          FROM customer_visit_day GROUP BY customer_id) v
    WHERE v.customer_id = s.customer_id;
DROP TABLE customer_visit_day;

-- An import batch stages one row per customer (V43) that also carries the customer's visit days and
-- category shares as arrays, instead of a row per visit day and per category in tables of their own.
ALTER TABLE purchase_staged_total
    ADD COLUMN visit_days        DATE[]           NOT NULL DEFAULT '{}',
    ADD COLUMN category_codes    VARCHAR(40)[]    NOT NULL DEFAULT '{}',
    ADD COLUMN category_spend    NUMERIC(16, 2)[] NOT NULL DEFAULT '{}',
    ADD COLUMN category_quantity BIGINT[]         NOT NULL DEFAULT '{}';
-- What an interrupted import staged in the old tables moves onto rows of the new form (one per
-- customer and batch, with no orders of its own; a batch's rows share their staged_at), to be
-- applied by the sweep like any other.
INSERT INTO purchase_staged_total (customer_id, currency, first_purchase_at, last_purchase_at, order_count, spend,
                                   last_purchase_day, visit_days, category_codes, category_spend, category_quantity,
                                   staged_at)
SELECT k.customer_id, t.currency, t.first_purchase_at, t.last_purchase_at, 0, 0, t.last_purchase_day,
       COALESCE((SELECT array_agg(DISTINCT v.visit_date ORDER BY v.visit_date) FROM purchase_staged_visit v
                 WHERE v.customer_id = k.customer_id AND v.staged_at = k.staged_at), '{}'),
       COALESCE((SELECT array_agg(c.category_code ORDER BY c.category_code, c.spend, c.quantity)
                 FROM purchase_staged_category c WHERE c.customer_id = k.customer_id AND c.staged_at = k.staged_at), '{}'),
       COALESCE((SELECT array_agg(c.spend ORDER BY c.category_code, c.spend, c.quantity)
                 FROM purchase_staged_category c WHERE c.customer_id = k.customer_id AND c.staged_at = k.staged_at), '{}'),
       COALESCE((SELECT array_agg(c.quantity ORDER BY c.category_code, c.spend, c.quantity)
                 FROM purchase_staged_category c WHERE c.customer_id = k.customer_id AND c.staged_at = k.staged_at), '{}'),
       k.staged_at
FROM (SELECT customer_id, staged_at FROM purchase_staged_visit
      UNION SELECT customer_id, staged_at FROM purchase_staged_category) k
JOIN LATERAL (SELECT * FROM purchase_staged_total t
              WHERE t.customer_id = k.customer_id AND t.staged_at = k.staged_at LIMIT 1) t ON true;
DROP TABLE purchase_staged_category;
DROP TABLE purchase_staged_visit;
