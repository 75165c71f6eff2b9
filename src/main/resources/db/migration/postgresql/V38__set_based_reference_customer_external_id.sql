-- A customer's external ids refer to the customer: checked once per statement (as V35 does for
-- order lines), not by a foreign key that looks up and locks the customer for every id a customer
-- import writes (one per imported row, right after the customers themselves by COPY).
ALTER TABLE customer_external_id DROP CONSTRAINT customer_external_id_customer_id_fkey;
CREATE TRIGGER customer_external_id_customer_ref_insert AFTER INSERT ON customer_external_id
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('customer_id', 'customer');
CREATE TRIGGER customer_external_id_customer_ref_update AFTER UPDATE ON customer_external_id
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('customer_id', 'customer');
CREATE TRIGGER customer_external_id_restrict AFTER DELETE ON customer REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_restrict('customer_external_id', 'customer_id');
