-- Every customer written maintains every index on the table, so the bulk import pays for each one.
-- customer_owner_idx earns nothing: customer_follow_up_idx (owner_id, last_follow_up_at) already
-- serves every lookup by owner. (The name and creation-date indexes stay: lists sort by them.)
DROP INDEX customer_owner_idx;
