-- A customer's visit days (business days with a store purchase) are kept on their purchase summary,
-- in order, each once, instead of one row per customer and day (see the PostgreSQL V45).
ALTER TABLE customer_purchase_summary ADD COLUMN visit_days DATE ARRAY NOT NULL DEFAULT ARRAY[];
UPDATE customer_purchase_summary s
    SET visit_days = COALESCE((SELECT ARRAY_AGG(v.visit_date ORDER BY v.visit_date) FROM customer_visit_day v
                               WHERE v.customer_id = s.customer_id), visit_days),
        visit_count = (SELECT COUNT(*) FROM customer_visit_day v WHERE v.customer_id = s.customer_id);
DROP TABLE customer_visit_day;
