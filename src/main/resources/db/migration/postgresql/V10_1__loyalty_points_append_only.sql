-- The points ledger and its allocations are append-only: the database refuses changes and deletions.
CREATE FUNCTION points_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER points_movement_no_update_or_delete
    BEFORE UPDATE OR DELETE ON points_movement
    FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();

CREATE TRIGGER points_allocation_no_update_or_delete
    BEFORE UPDATE OR DELETE ON points_allocation
    FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
