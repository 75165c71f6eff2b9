-- A catalogue redemption is paid by its own points movement: two redemptions can never share one
-- (a retried request with the same reference for another item would otherwise have been answered
-- with the first's movement and got its reward without paying).
CREATE UNIQUE INDEX reward_redemption_movement_uq ON reward_redemption (movement_id);
