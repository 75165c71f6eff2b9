-- Identifiers from other systems and ledger sources are compared byte by byte (collation "C")
-- instead of by the database's language rules: an order import compares them in three unique
-- indexes for every order (the source's order number, the points movement's source, the member
-- number when matching), and with any collation but "C" each comparison of two different values
-- goes through the C library's strcoll (5 % of the server's work in an order import on a database
-- whose collation is C.UTF-8, more under zh_CN or en_US). Equality is the same either way; only the
-- order of these identifiers changes, which nothing shows in language order. The indexes on the
-- columns are rebuilt; the rows stay as they are.
ALTER TABLE customer_order ALTER COLUMN external_ref TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE points_movement ALTER COLUMN source TYPE VARCHAR(120) COLLATE "C";
ALTER TABLE customer_external_id ALTER COLUMN external_id TYPE VARCHAR(120) COLLATE "C";
