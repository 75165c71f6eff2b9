-- The points ledger and its allocations are append-only: the database refuses changes and deletions.
CREATE TRIGGER points_movement_no_update BEFORE UPDATE ON points_movement
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER points_movement_no_delete BEFORE DELETE ON points_movement
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER points_allocation_no_update BEFORE UPDATE ON points_allocation
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER points_allocation_no_delete BEFORE DELETE ON points_allocation
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
