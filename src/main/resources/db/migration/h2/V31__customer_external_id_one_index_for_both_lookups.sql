-- An external id is looked up with its source (import matching) and without it (search). A primary
-- key led by the external id serves both, so each imported customer maintains two index entries in
-- this table instead of three.
ALTER TABLE customer_external_id DROP PRIMARY KEY;
ALTER TABLE customer_external_id ADD PRIMARY KEY (external_id, source);
DROP INDEX customer_external_id_value_idx;
