-- Coupon history and catalogue redemptions are append-only: the database refuses changes and deletions.
CREATE TRIGGER coupon_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON coupon_event
    FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();

CREATE TRIGGER reward_redemption_no_update_or_delete
    BEFORE UPDATE OR DELETE ON reward_redemption
    FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
