-- Figures are rewritten often: room left in each page lets PostgreSQL put the new version next to
-- the old one and skip the primary key (a HOT update).
ALTER TABLE customer_metric SET (fillfactor = 80);
