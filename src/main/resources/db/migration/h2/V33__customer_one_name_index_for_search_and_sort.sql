-- Lists sorted by name read the search key (the name in lower case) instead of the name itself, so
-- one index serves both the prefix search and the sort, and each customer written maintains one
-- name index entry fewer.
DROP INDEX customer_name_idx;
