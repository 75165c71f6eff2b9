-- Coupon history and catalogue redemptions are append-only: the database refuses changes and deletions.
CREATE TRIGGER coupon_event_no_update BEFORE UPDATE ON coupon_event
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER coupon_event_no_delete BEFORE DELETE ON coupon_event
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER reward_redemption_no_update BEFORE UPDATE ON reward_redemption
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
CREATE TRIGGER reward_redemption_no_delete BEFORE DELETE ON reward_redemption
    FOR EACH ROW CALL 'io.guanxi.shared.persistence.AppendOnlyTrigger';
