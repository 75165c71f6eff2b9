-- Prefix searches (LIKE 'abc%') need pattern-ops indexes on PostgreSQL.
CREATE INDEX customer_name_search_idx ON customer (name_search varchar_pattern_ops);
CREATE INDEX customer_name_pinyin_idx ON customer (name_pinyin varchar_pattern_ops);
CREATE INDEX customer_name_initials_idx ON customer (name_initials varchar_pattern_ops);
