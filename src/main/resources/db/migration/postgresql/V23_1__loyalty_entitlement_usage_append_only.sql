-- The usage history of entitlements is append-only: the database refuses changes and deletions.
CREATE TRIGGER entitlement_usage_no_update_or_delete
    BEFORE UPDATE OR DELETE ON entitlement_usage
    FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
