-- A points lot refers to the movement that earned it: checked once per statement (as V35 does for
-- order lines), not by a foreign key that looks up and locks the movement for every lot an import
-- writes. Movements can never be deleted (the ledger is append-only, V10_1), so the lock guarded
-- against nothing and no delete check is needed on their side.
ALTER TABLE points_lot DROP CONSTRAINT points_lot_movement_id_fkey;
CREATE TRIGGER points_lot_movement_ref_insert AFTER INSERT ON points_lot REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('movement_id', 'points_movement');
CREATE TRIGGER points_lot_movement_ref_update AFTER UPDATE ON points_lot REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION guanxi_reference_check('movement_id', 'points_movement');
