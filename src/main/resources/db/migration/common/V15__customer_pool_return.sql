-- The public pool (公海): customers whose owner has not followed up for a while go back to the pool,
-- after a notice to the owner. The clock starts when the owner got the customer and restarts at
-- every follow-up.
ALTER TABLE customer ADD COLUMN last_follow_up_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE customer ADD COLUMN pool_notice_at TIMESTAMP WITH TIME ZONE;
UPDATE customer SET last_follow_up_at = updated_at WHERE owner_id IS NOT NULL;
CREATE INDEX customer_follow_up_idx ON customer (owner_id, last_follow_up_at);
