-- Each import batch and each order adds to its customers' purchase summary, category spend and
-- points account: room left in each page lets PostgreSQL put the new version next to the old one
-- and skip the primary key (a HOT update), as for customer_metric (V34_1). Applies to pages
-- written from now on.
ALTER TABLE customer_purchase_summary SET (fillfactor = 80);
ALTER TABLE customer_category_spend SET (fillfactor = 80);
ALTER TABLE points_account SET (fillfactor = 80);
