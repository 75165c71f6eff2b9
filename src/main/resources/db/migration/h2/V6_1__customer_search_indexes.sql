CREATE INDEX customer_name_search_idx ON customer (name_search);
CREATE INDEX customer_name_pinyin_idx ON customer (name_pinyin);
CREATE INDEX customer_name_initials_idx ON customer (name_initials);
