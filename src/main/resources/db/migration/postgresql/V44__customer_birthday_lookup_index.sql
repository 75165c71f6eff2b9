-- Each order-import batch looks up the birthdays of its customers (the birthday month earns more
-- points): 7,000 customers a batch, each a read of a customer row scattered over a table that at
-- 500,000 customers is larger than the stock buffers. An index of only the customers who have a
-- birthday (and are not merged away) answers for those who have none without reading their rows,
-- and, once vacuum has marked the table's pages visible, for the others too (index-only scan).
CREATE INDEX customer_birthday_idx ON customer (id) INCLUDE (birthday)
    WHERE birthday IS NOT NULL AND merged_into IS NULL;
