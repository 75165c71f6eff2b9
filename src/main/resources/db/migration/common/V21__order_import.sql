-- Orders imported from a file are identified by the source system they come from and the order
-- number there, so importing a file again finds them and two systems may use the same numbers.
-- Orders from the API and the pages keep the empty source: their external reference stays unique.
ALTER TABLE customer_order ADD COLUMN external_source VARCHAR(60) NOT NULL DEFAULT '';
DROP INDEX customer_order_external_ref_idx;
CREATE UNIQUE INDEX customer_order_external_ref_idx ON customer_order (external_source, external_ref);
