-- A customer's spend and units per category are kept on their purchase summary as three arrays of
-- the same length, in code order, instead of one row per customer and category (see the PostgreSQL V51).
ALTER TABLE customer_purchase_summary ADD COLUMN category_codes VARCHAR(40) ARRAY NOT NULL DEFAULT ARRAY[];
ALTER TABLE customer_purchase_summary ADD COLUMN category_spend NUMERIC(16, 2) ARRAY NOT NULL DEFAULT ARRAY[];
ALTER TABLE customer_purchase_summary ADD COLUMN category_quantity BIGINT ARRAY NOT NULL DEFAULT ARRAY[];
UPDATE customer_purchase_summary s
    SET category_codes = COALESCE((SELECT ARRAY_AGG(c.category_code ORDER BY c.category_code)
                                   FROM customer_category_spend c WHERE c.customer_id = s.customer_id), category_codes),
        category_spend = COALESCE((SELECT ARRAY_AGG(c.spend ORDER BY c.category_code)
                                   FROM customer_category_spend c WHERE c.customer_id = s.customer_id), category_spend),
        category_quantity = COALESCE((SELECT ARRAY_AGG(c.quantity ORDER BY c.category_code)
                                      FROM customer_category_spend c WHERE c.customer_id = s.customer_id),
                                     category_quantity);
DROP TABLE customer_category_spend;
