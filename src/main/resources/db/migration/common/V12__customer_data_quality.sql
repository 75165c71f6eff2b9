-- Completeness and validity points of each customer (0-80); freshness is added when read.
-- Existing rows are filled at start-up by the application (the rules are Java, not SQL).
ALTER TABLE customer ADD COLUMN data_quality SMALLINT;
