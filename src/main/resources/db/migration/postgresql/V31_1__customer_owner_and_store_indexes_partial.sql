-- Customers are looked up by owner (a rep's list, the pool's return job) and by store (a store's
-- scope) only with a value: on PostgreSQL these indexes hold only the customers that have one, so an
-- import of customers without an owner or store maintains two index entries fewer per row.
DROP INDEX customer_follow_up_idx;
CREATE INDEX customer_follow_up_idx ON customer (owner_id, last_follow_up_at) WHERE owner_id IS NOT NULL;
DROP INDEX customer_store_idx;
CREATE INDEX customer_store_idx ON customer (store_id) WHERE store_id IS NOT NULL;
