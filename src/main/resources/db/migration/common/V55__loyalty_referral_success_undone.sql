-- A referral's success is undone when the order that qualified it is cancelled or refunded in full:
-- the rewards it paid are taken back and the referral waits for a purchase again (ADR 0020). The
-- referral names the ledger sources of the rewards its success paid (the referrer's points, the
-- referee's welcome, the milestone bonus), so they are taken back exactly, from whoever holds the
-- referral now; times_undone gives a later success's rewards sources of their own.
ALTER TABLE referral ADD COLUMN times_undone INT NOT NULL DEFAULT 0;
ALTER TABLE referral ADD COLUMN referrer_reward VARCHAR(120);
ALTER TABLE referral ADD COLUMN referee_reward VARCHAR(120);
ALTER TABLE referral ADD COLUMN milestone_reward VARCHAR(120);

-- Successes before this version paid under these sources (while neither side has been merged since).
UPDATE referral SET referrer_reward = 'referral:' || CAST(referee_id AS VARCHAR(20))
WHERE state = 'QUALIFIED' AND EXISTS (SELECT 1 FROM points_movement m WHERE m.type = 'EARN'
    AND m.source = 'referral:' || CAST(referral.referee_id AS VARCHAR(20)));
UPDATE referral SET referee_reward = 'referred:' || CAST(referee_id AS VARCHAR(20))
WHERE state = 'QUALIFIED' AND EXISTS (SELECT 1 FROM points_movement m WHERE m.type = 'EARN'
    AND m.source = 'referred:' || CAST(referral.referee_id AS VARCHAR(20)));
UPDATE referral SET milestone_reward = 'referral-milestone:' || CAST(referrer_id AS VARCHAR(20)) || ':'
    || CAST(success_number AS VARCHAR(20))
WHERE state = 'QUALIFIED' AND EXISTS (SELECT 1 FROM points_movement m WHERE m.type = 'EARN'
    AND m.source = 'referral-milestone:' || CAST(referral.referrer_id AS VARCHAR(20)) || ':'
        || CAST(referral.success_number AS VARCHAR(20)));
