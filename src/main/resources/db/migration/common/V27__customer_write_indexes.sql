-- Every customer written maintains every index on the table, so the bulk import pays for each one.
-- Three earn too little: customer_follow_up_idx (owner_id, last_follow_up_at) already serves lookups
-- by owner, no query looks display_name up (searches use name_search, name_pinyin, name_initials),
-- and the creation date is only read over all customers (counts, rule tags), never to find a few.
DROP INDEX customer_owner_idx;
DROP INDEX customer_name_idx;
DROP INDEX customer_created_idx;
