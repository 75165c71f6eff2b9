-- Most customers are merged into no one and many have no email or ID number: on PostgreSQL these
-- indexes hold only the rows that have a value, so writing a customer without one costs nothing there
-- (an equality lookup implies the value is not null, so the planner still uses them).
DROP INDEX customer_merged_into_idx;
CREATE INDEX customer_merged_into_idx ON customer (merged_into) WHERE merged_into IS NOT NULL;
DROP INDEX customer_email_hash_idx;
CREATE INDEX customer_email_hash_idx ON customer (email_hash) WHERE email_hash IS NOT NULL;
DROP INDEX customer_id_number_hash_idx;
CREATE INDEX customer_id_number_hash_idx ON customer (id_number_hash) WHERE id_number_hash IS NOT NULL;
