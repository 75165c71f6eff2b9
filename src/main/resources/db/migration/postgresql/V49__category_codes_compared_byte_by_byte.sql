-- Category codes are compared byte by byte (collation "C", as V46 does for identifiers): the last
-- step of an order import sorts a file's category spend by customer and code and writes it into
-- the key (customer_id, category_code), about four rows per customer, and under any other collation
-- each comparison of two different codes goes through the C library's strcoll (a tenth of that
-- statement on a database whose collation is C.UTF-8). The staged codes take the same collation, so
-- the sort before the write compares as the key does. Codes are codes: no list shows them in
-- language order, and for ASCII codes the order is the same.
ALTER TABLE customer_category_spend ALTER COLUMN category_code TYPE VARCHAR(40) COLLATE "C";
ALTER TABLE purchase_staged_total ALTER COLUMN category_codes TYPE VARCHAR(40)[] COLLATE "C";
