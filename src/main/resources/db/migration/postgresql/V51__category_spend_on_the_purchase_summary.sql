-- A customer's spend and units per category are kept on their purchase summary as three arrays of
-- the same length, in code order (collation "C"), instead of one row per customer and category in
-- customer_category_spend. The last step of an order import upserted about four of those rows per
-- customer into the key (customer_id, category_code), two thirds of its main statement; the arrays
-- are written with the summary row they are on, and the customer page reads one row.
ALTER TABLE customer_purchase_summary
    ADD COLUMN category_codes    VARCHAR(40)[] COLLATE "C" NOT NULL DEFAULT '{}',
    ADD COLUMN category_spend    NUMERIC(16, 2)[]          NOT NULL DEFAULT '{}',
    ADD COLUMN category_quantity BIGINT[]                  NOT NULL DEFAULT '{}';
UPDATE customer_purchase_summary s
    SET category_codes = c.codes, category_spend = c.spend, category_quantity = c.quantity
    FROM (SELECT customer_id, array_agg(category_code ORDER BY category_code) AS codes,
                 array_agg(spend ORDER BY category_code) AS spend, array_agg(quantity ORDER BY category_code) AS quantity
          FROM customer_category_spend GROUP BY customer_id) c
    WHERE c.customer_id = s.customer_id;
DROP TABLE customer_category_spend;
