-- Membership tiers qualify on the orders themselves (OrderQualification): spend net of refunds, the
-- orders that still count and the points they earned net of reversals, by business day. The copy
-- of every purchase and refund kept for that is no longer written or read.
DROP TABLE loyalty_tier_activity;
