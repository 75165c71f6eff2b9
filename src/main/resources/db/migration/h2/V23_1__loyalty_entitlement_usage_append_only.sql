-- The usage history of entitlements is append-only: the database refuses changes and deletions.
CREATE TRIGGER entitlement_usage_no_update BEFORE UPDATE ON entitlement_usage
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER entitlement_usage_no_delete BEFORE DELETE ON entitlement_usage
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
