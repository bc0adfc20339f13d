-- A redemption can be given back in parts (cancelRedemption(id, redemption, points)): a redemption row written
-- again may now carry fewer taken lots and points, so the write function stores them too. Otherwise the same as V3's.
CREATE OR REPLACE FUNCTION ${schema}.omniretail_ldg_write(p jsonb) RETURNS void
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
BEGIN
    INSERT INTO ${schema}.omniretail_ldg_member AS m
    SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_member, p->'members')
    ON CONFLICT (member) DO UPDATE SET merged_into = excluded.merged_into, available = excluded.available,
        pending = excluded.pending, held = excluded.held, tier = excluded.tier, tier_since = excluded.tier_since,
        review_at = excluded.review_at, in_grace = excluded.in_grace, last_activity = excluded.last_activity,
        qualifying_sum = excluded.qualifying_sum, qualifying_from = excluded.qualifying_from,
        lot_seq = excluded.lot_seq, entries = excluded.entries, last_entry_at = excluded.last_entry_at,
        dormant_at = excluded.dormant_at;
    IF jsonb_array_length(p->'lots') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_lot
        SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_lot, p->'lots')
        ON CONFLICT (id) DO UPDATE SET member = excluded.member, seq = excluded.seq,
            consume_key = excluded.consume_key, remaining = excluded.remaining, pending = excluded.pending, reversed = excluded.reversed,
            qualifying = excluded.qualifying;
    END IF;
    IF jsonb_array_length(p->'settled') > 0 THEN
        DELETE FROM ${schema}.omniretail_ldg_hold WHERE id IN (SELECT jsonb_array_elements_text(p->'settled'));
    END IF;
    IF jsonb_array_length(p->'holds') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_hold
        SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_hold, p->'holds');
    END IF;
    IF jsonb_array_length(p->'redemptions') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_redemption
        SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_redemption, p->'redemptions')
        ON CONFLICT (id) DO UPDATE SET member = excluded.member, cancelled = excluded.cancelled,
            taken_lots = excluded.taken_lots, taken_points = excluded.taken_points;
    END IF;
    IF jsonb_array_length(p->'entries') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_entry
        SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_entry, p->'entries');
    END IF;
    IF jsonb_array_length(p->'outcomes') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_txn
        SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_txn, p->'outcomes');
    END IF;
    IF jsonb_array_length(p->'orders') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_earned_order
        SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_earned_order, p->'orders');
    END IF;
    IF p->'program' <> '{}'::jsonb THEN
        INSERT INTO ${schema}.omniretail_ldg_program AS g
        SELECT a.key, (p->>'stripe')::int, a.value::bigint FROM jsonb_each_text(p->'program') AS a ORDER BY a.key
        ON CONFLICT (account, stripe) DO UPDATE SET points = g.points + excluded.points;
    END IF;
    IF p->'merged' <> '{}'::jsonb THEN
        UPDATE ${schema}.omniretail_ldg_lot l SET member = m.value
        FROM jsonb_each_text(p->'merged') AS m WHERE l.member = m.key;
    END IF;
    IF p->'merged' <> '{}'::jsonb THEN
        UPDATE ${schema}.omniretail_ldg_redemption r SET member = m.value
        FROM jsonb_each_text(p->'merged') AS m WHERE r.member = m.key;
    END IF;
    IF jsonb_array_length(p->'events') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_event (member, occurred_at, type, body)
        SELECT e.member, to_timestamp(e.at / 1000.0), e.type, e.body::json
        FROM ROWS FROM (jsonb_to_recordset(p->'events') AS (member text, at bigint, type text, body jsonb))
            WITH ORDINALITY AS e(member, at, type, body, n)
        ORDER BY e.n;
    END IF;
END
$$;
