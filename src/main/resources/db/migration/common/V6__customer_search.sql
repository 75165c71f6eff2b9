-- Search keys derived from the name at every write: lower-cased name, pinyin and pinyin initials,
-- so 王小明 is found by 王小, wangxiao and wxm.
ALTER TABLE customer ADD COLUMN name_search VARCHAR(200);
ALTER TABLE customer ADD COLUMN name_pinyin VARCHAR(400);
ALTER TABLE customer ADD COLUMN name_initials VARCHAR(100);
CREATE INDEX customer_external_id_value_idx ON customer_external_id (external_id);
CREATE INDEX customer_email_idx ON customer (email);
