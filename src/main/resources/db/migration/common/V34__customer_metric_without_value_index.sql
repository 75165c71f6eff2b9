-- Rule tags read a customer's figures by customer and metric (the primary key), never by value, so
-- the (metric, metric_value) index only cost work: every changed figure wrote a new entry in it,
-- and with an index on the changed column PostgreSQL cannot update the row in place (a HOT update).
-- An order import changes four figures per customer and batch.
DROP INDEX customer_metric_value_idx;
