-- The audit log is append-only: the database itself refuses changes and deletions.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
