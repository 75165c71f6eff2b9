-- References checked once per statement instead of once per row, for the rows written in bulk
-- (order lines and payments, timeline entries): see docs/decisions/0013-set-based-references.md.
-- A foreign key checks each new row on its own, locking the referenced row, which cost about 5 µs
-- a row and reference (most of the time of a COPY into order_line). These triggers look at all the
-- rows a statement wrote (or changed) together, and refuse the statement, as a foreign key would,
-- when one refers to a row that does not exist; the referenced tables refuse deleting a row that is
-- still referred to.

-- AFTER INSERT/UPDATE ... FOR EACH STATEMENT, with the statement's rows as new_rows.
-- Arguments: the referring column, the referenced table (its key is id).
CREATE FUNCTION guanxi_reference_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing BIGINT;
BEGIN
    EXECUTE format('SELECT n.%1$I FROM new_rows n WHERE n.%1$I IS NOT NULL'
                   ' AND NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.id = n.%1$I) LIMIT 1',
                   TG_ARGV[0], TG_ARGV[1])
        INTO missing;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'insert or update on table "%" violates reference "%": % = % is not present in table "%"',
                TG_TABLE_NAME, TG_NAME, TG_ARGV[0], missing, TG_ARGV[1]
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

-- AFTER DELETE ... FOR EACH STATEMENT on the referenced table, with the deleted rows as old_rows.
-- Arguments: the referring table, its referring column.
CREATE FUNCTION guanxi_reference_restrict() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    referenced BIGINT;
BEGIN
    EXECUTE format('SELECT o.id FROM old_rows o WHERE EXISTS (SELECT 1 FROM %1$I c WHERE c.%2$I = o.id) LIMIT 1',
                   TG_ARGV[0], TG_ARGV[1])
        INTO referenced;
    IF referenced IS NOT NULL THEN
        RAISE EXCEPTION 'delete on table "%" violates reference "%": id = % is still referred to from table "%"',
                TG_TABLE_NAME, TG_NAME, referenced, TG_ARGV[0]
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

ALTER TABLE order_line DROP CONSTRAINT order_line_order_id_fkey;
ALTER TABLE order_line DROP CONSTRAINT order_line_product_id_fkey;
ALTER TABLE order_payment DROP CONSTRAINT order_payment_order_id_fkey;
ALTER TABLE customer_timeline_entry DROP CONSTRAINT customer_timeline_entry_customer_id_fkey;
ALTER TABLE customer_timeline_entry DROP CONSTRAINT customer_timeline_entry_origin_customer_id_fkey;

CREATE TRIGGER order_line_order_ref_insert AFTER INSERT ON order_line REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('order_id', 'customer_order');
CREATE TRIGGER order_line_order_ref_update AFTER UPDATE ON order_line REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('order_id', 'customer_order');
CREATE TRIGGER order_line_product_ref_insert AFTER INSERT ON order_line REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('product_id', 'product');
CREATE TRIGGER order_line_product_ref_update AFTER UPDATE ON order_line REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('product_id', 'product');
CREATE TRIGGER order_payment_order_ref_insert AFTER INSERT ON order_payment REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('order_id', 'customer_order');
CREATE TRIGGER order_payment_order_ref_update AFTER UPDATE ON order_payment REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('order_id', 'customer_order');
CREATE TRIGGER timeline_customer_ref_insert AFTER INSERT ON customer_timeline_entry
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('customer_id', 'customer');
CREATE TRIGGER timeline_customer_ref_update AFTER UPDATE ON customer_timeline_entry
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('customer_id', 'customer');
CREATE TRIGGER timeline_origin_ref_insert AFTER INSERT ON customer_timeline_entry
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('origin_customer_id', 'customer');
CREATE TRIGGER timeline_origin_ref_update AFTER UPDATE ON customer_timeline_entry
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('origin_customer_id', 'customer');

CREATE TRIGGER customer_order_lines_restrict AFTER DELETE ON customer_order REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_restrict('order_line', 'order_id');
CREATE TRIGGER customer_order_payments_restrict AFTER DELETE ON customer_order REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_restrict('order_payment', 'order_id');
CREATE TRIGGER product_lines_restrict AFTER DELETE ON product REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_restrict('order_line', 'product_id');
CREATE TRIGGER customer_timeline_restrict AFTER DELETE ON customer REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_restrict('customer_timeline_entry', 'customer_id');
CREATE TRIGGER customer_timeline_origin_restrict AFTER DELETE ON customer REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_restrict('customer_timeline_entry', 'origin_customer_id');
