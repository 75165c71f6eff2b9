-- Lists sort by creation time, newest first, and by id among customers created at the same instant
-- (an import batch creates thousands at one instant). With the id in the index, walking it backwards
-- gives that order directly; without it, PostgreSQL read and sorted a whole batch's customers to
-- show a page of them.
DROP INDEX customer_created_idx;
CREATE INDEX customer_created_idx ON customer (created_at, id);
