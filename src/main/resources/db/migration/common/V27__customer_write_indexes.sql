-- Every customer written maintains every index on the table, so the bulk import pays for each one.
-- Two earn nothing: customer_follow_up_idx (owner_id, last_follow_up_at) already serves lookups by
-- owner, and no query looks display_name up (searches use name_search, name_pinyin, name_initials).
DROP INDEX customer_owner_idx;
DROP INDEX customer_name_idx;
