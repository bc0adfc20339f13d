-- OmniRetail loyalty, schema version 2: the rows the ledger's rules kernel decides on, per member; no replay.
-- V1 tables are renamed to omniretail_ldg1_*; the first ledger opened on the schema converts their contents by
-- running the V1 command log through the V2 ledger with the rules it is opened with, then drops them. Identity
-- links (omniretail_ldg_identity) are unchanged. Instants are epoch milliseconds (bigint).

ALTER TABLE ${schema}.omniretail_ldg_member RENAME TO omniretail_ldg1_member;
ALTER TABLE ${schema}.omniretail_ldg_command RENAME TO omniretail_ldg1_command;
ALTER TABLE ${schema}.omniretail_ldg_txn RENAME TO omniretail_ldg1_txn;
ALTER TABLE ${schema}.omniretail_ldg_entry RENAME TO omniretail_ldg1_entry;
ALTER TABLE ${schema}.omniretail_ldg_lot RENAME TO omniretail_ldg1_lot;
ALTER INDEX ${schema}.omniretail_ldg_member_due RENAME TO omniretail_ldg1_member_due;
ALTER INDEX ${schema}.omniretail_ldg_command_member RENAME TO omniretail_ldg1_command_member;
ALTER INDEX ${schema}.omniretail_ldg_entry_at RENAME TO omniretail_ldg1_entry_at;

-- One row per member: balances, tier and tier window, counters. Updated in place by every batch touching the
-- member, hence the fillfactor (HOT updates).
CREATE TABLE ${schema}.omniretail_ldg_member (
    member text PRIMARY KEY,
    merged_into text,
    available bigint NOT NULL,
    pending bigint NOT NULL,
    held bigint NOT NULL,
    tier text NOT NULL,
    tier_since bigint NOT NULL,
    review_at bigint NOT NULL,
    in_grace boolean NOT NULL,
    last_activity bigint NOT NULL,
    qualifying_sum bigint NOT NULL,
    qualifying_from bigint NOT NULL,
    lot_seq bigint NOT NULL,
    entries bigint NOT NULL,
    last_entry_at bigint NOT NULL,
    dormant_at bigint NOT NULL
) WITH (fillfactor = 50);
CREATE INDEX omniretail_ldg_member_review ON ${schema}.omniretail_ldg_member (review_at) WHERE merged_into IS NULL;
CREATE INDEX omniretail_ldg_member_dormant ON ${schema}.omniretail_ldg_member (dormant_at)
    WHERE merged_into IS NULL AND dormant_at < 9223372036854775807;

-- One row per earn: its lot (points left, pending or not, expiry) and its refund and tier bookkeeping. A call
-- reads the lots it consumes in consumption order (consume_key, seq, id), the ones that fell due, and the ones it
-- names: never all of a member's.
CREATE TABLE ${schema}.omniretail_ldg_lot (
    id text PRIMARY KEY,
    member text NOT NULL,
    seq bigint NOT NULL,
    consume_key bigint NOT NULL,
    points bigint NOT NULL,
    remaining bigint NOT NULL,
    earned_at bigint NOT NULL,
    available_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    pending boolean NOT NULL,
    amount json,
    reversed bigint NOT NULL,
    qualifying bigint NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX omniretail_ldg_lot_consume ON ${schema}.omniretail_ldg_lot (member, consume_key, seq, id)
    WHERE remaining > 0 AND NOT pending;
CREATE INDEX omniretail_ldg_lot_expiring ON ${schema}.omniretail_ldg_lot (expires_at)
    WHERE remaining > 0 AND NOT pending;
CREATE INDEX omniretail_ldg_lot_activating ON ${schema}.omniretail_ldg_lot (available_at) WHERE pending;
CREATE INDEX omniretail_ldg_lot_qualifying ON ${schema}.omniretail_ldg_lot (member, earned_at) WHERE qualifying > 0;
CREATE INDEX omniretail_ldg_lot_member ON ${schema}.omniretail_ldg_lot (member);

-- Open holds (a settled hold is deleted; its entries stay).
CREATE TABLE ${schema}.omniretail_ldg_hold (
    id text PRIMARY KEY,
    member text NOT NULL,
    points bigint NOT NULL,
    expires_at bigint NOT NULL,
    taken_lots text[] NOT NULL,
    taken_points bigint[] NOT NULL
);
CREATE INDEX omniretail_ldg_hold_member ON ${schema}.omniretail_ldg_hold (member);
CREATE INDEX omniretail_ldg_hold_expiry ON ${schema}.omniretail_ldg_hold (expires_at);

-- Redemptions and the lots they consumed (for cancellation).
CREATE TABLE ${schema}.omniretail_ldg_redemption (
    id text PRIMARY KEY,
    member text NOT NULL,
    points bigint NOT NULL,
    cancelled boolean NOT NULL,
    taken_lots text[] NOT NULL,
    taken_points bigint[] NOT NULL
);
CREATE INDEX omniretail_ldg_redemption_member ON ${schema}.omniretail_ldg_redemption (member);

-- Entries, append-only, with the member's balances after each.
CREATE TABLE ${schema}.omniretail_ldg_entry (
    member text NOT NULL,
    seq bigint NOT NULL,
    txn_id text NOT NULL,
    at bigint NOT NULL,
    body json NOT NULL,
    available bigint NOT NULL,
    pending bigint NOT NULL,
    held bigint NOT NULL,
    PRIMARY KEY (member, seq)
);

-- Idempotency: one row per transaction id (a second insert of an id fails the transaction, which reruns and
-- replays the first outcome). owner: the member whose hold, earn or redemption the id made.
CREATE TABLE ${schema}.omniretail_ldg_txn (
    txn_id text PRIMARY KEY,
    owner text,
    request text NOT NULL,
    failed boolean NOT NULL,
    outcome json NOT NULL,
    at bigint NOT NULL
);

-- One order earns once: its earn entry.
CREATE TABLE ${schema}.omniretail_ldg_earned_order (
    order_id text PRIMARY KEY,
    entry json NOT NULL
);

-- Program accounts (issuance, redemption, breakage), striped so that concurrent instances do not queue on one
-- row; a balance is the sum of its stripes.
CREATE TABLE ${schema}.omniretail_ldg_program (
    account text NOT NULL,
    stripe int NOT NULL,
    points bigint NOT NULL,
    PRIMARY KEY (account, stripe)
);

-- The transactional outbox, as inventory's: events in (xid, id) order are in commit order per member, because a
-- batch takes every member's advisory lock before its first write.
CREATE TABLE ${schema}.omniretail_ldg_event (
    id bigserial PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    member text NOT NULL,
    occurred_at timestamptz NOT NULL,
    type text NOT NULL,
    body json NOT NULL
);
CREATE INDEX omniretail_ldg_event_order ON ${schema}.omniretail_ldg_event (xid, id);

CREATE TABLE ${schema}.omniretail_ldg_event_cursor (
    consumer text PRIMARY KEY,
    xid xid8 NOT NULL,
    id bigint NOT NULL,
    delivered bigint NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One round trip to lock and load what a batch needs (see LedgerStorage.Session#lock). p: {members, create,
-- references, idempotency, orders, debits: {member: points}, full, now, windowStart}. Returns {members, owners,
-- lots, more, holds, redemptions, outcomes, orders}, rows as JSON objects named like the columns.
CREATE FUNCTION ${schema}.omniretail_ldg_lock(p json) RETURNS json
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
    v_now bigint := (p->>'now')::bigint;
    v_window bigint := (p->>'windowStart')::bigint;
    v_named text[] := ARRAY(SELECT json_array_elements_text(p->'members'));
    v_refs text[] := ARRAY(SELECT json_array_elements_text(p->'references'));
    v_full text[] := ARRAY(SELECT json_array_elements_text(p->'full'));
    v_keys text[] := ARRAY(SELECT json_array_elements_text(p->'idempotency'));
    v_orders text[] := ARRAY(SELECT json_array_elements_text(p->'orders'));
    v_owners json;
    v_roots text[];
    v_locked text[] := '{}';
    v_want text[];
    v_key bigint;
    v_member record;
    v_budget bigint;
    v_lots json[] := '{}';
    v_more json := '{}';
    v_last json;
    v_kept int;
    v_seen int;
    v_row record;
BEGIN
    LOOP
        -- owners of the referenced transactions, followed to the live member they were merged into
        WITH RECURSIVE o(ref, member, depth) AS (
            SELECT t.txn_id, t.owner, 0 FROM ${schema}.omniretail_ldg_txn t
            WHERE t.txn_id = ANY (v_refs) AND NOT t.failed AND t.owner IS NOT NULL
            UNION ALL
            SELECT o.ref, m.merged_into, o.depth + 1 FROM o JOIN ${schema}.omniretail_ldg_member m
                ON m.member = o.member WHERE m.merged_into IS NOT NULL AND o.depth < 1000)
        SELECT coalesce(json_object_agg(x.ref, x.member), '{}'), coalesce(array_agg(x.member), '{}')
        INTO v_owners, v_roots
        FROM (SELECT DISTINCT ON (ref) ref, member FROM o ORDER BY ref, depth DESC) x;
        v_want := v_named || v_roots;
        -- a transaction-scoped advisory lock per member, in key order, before any write
        FOR v_key IN SELECT DISTINCT hashtextextended('omniretail.ldg.${schema}.' || s, 0)
                     FROM unnest(v_want) AS s WHERE NOT s = ANY (v_locked) ORDER BY 1 LOOP
            PERFORM pg_advisory_xact_lock(v_key);
        END LOOP;
        v_locked := ARRAY(SELECT DISTINCT s FROM unnest(v_locked || v_want) AS s);
        -- an owner merged away while we waited: resolve again
        EXIT WHEN NOT EXISTS (SELECT 1 FROM ${schema}.omniretail_ldg_member m
                              WHERE m.member = ANY (v_roots) AND m.merged_into IS NOT NULL);
    END LOOP;
    INSERT INTO ${schema}.omniretail_ldg_member
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_member, p->'create') ORDER BY member
    ON CONFLICT DO NOTHING;
    -- lots: a prefix in consumption order covering the member's debits (at least one lot), then what fell due,
    -- what rolls out of the tier window, what was named, what open holds took; every lot of fully loaded members
    FOR v_member IN SELECT m.member, m.dormant_at FROM ${schema}.omniretail_ldg_member m
                    WHERE m.member = ANY (v_locked) ORDER BY m.member LOOP
        IF v_member.member = ANY (v_full) THEN
            v_lots := v_lots || ARRAY(SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
                                      WHERE l.member = v_member.member);
            CONTINUE;
        END IF;
        IF v_member.dormant_at <= v_now THEN
            v_lots := v_lots || ARRAY(SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
                                      WHERE l.member = v_member.member AND l.remaining > 0 AND NOT l.pending);
        ELSE
            v_budget := coalesce((p->'debits'->>v_member.member)::bigint, 0);
            v_kept := 0;
            v_seen := 0;
            v_last := NULL;
            FOR v_row IN SELECT row_to_json(l) AS j, sum(l.remaining) OVER w - l.remaining AS before
                         FROM (SELECT * FROM ${schema}.omniretail_ldg_lot x
                               WHERE x.member = v_member.member AND x.remaining > 0 AND NOT x.pending
                               ORDER BY x.consume_key, x.seq, x.id LIMIT 65) l
                         WINDOW w AS (ORDER BY l.consume_key, l.seq, l.id) LOOP
                v_seen := v_seen + 1;
                IF v_seen = 1 OR v_row.before < v_budget THEN
                    v_lots := v_lots || v_row.j;
                    v_last := v_row.j;
                    v_kept := v_kept + 1;
                END IF;
            END LOOP;
            IF v_kept < v_seen OR v_kept = 65 THEN
                v_more := (v_more::jsonb || jsonb_build_object(v_member.member, v_last))::json;
            END IF;
        END IF;
        v_lots := v_lots || ARRAY(
            SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
            WHERE l.member = v_member.member AND l.remaining > 0 AND NOT l.pending AND l.expires_at <= v_now
            UNION ALL
            SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
            WHERE l.member = v_member.member AND l.pending AND l.available_at <= v_now
            UNION ALL
            SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
            WHERE l.member = v_member.member AND l.qualifying > 0 AND l.earned_at <= v_window);
    END LOOP;
    v_lots := v_lots || ARRAY(
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l WHERE l.id = ANY (v_refs) AND l.member = ANY (v_locked)
        UNION ALL
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_hold h CROSS JOIN LATERAL unnest(h.taken_lots) AS t(lot)
            JOIN ${schema}.omniretail_ldg_lot l ON l.id = t.lot WHERE h.member = ANY (v_locked)
        UNION ALL
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_redemption r CROSS JOIN LATERAL unnest(r.taken_lots) AS t(lot)
            JOIN ${schema}.omniretail_ldg_lot l ON l.id = t.lot
            WHERE r.id = ANY (v_refs) AND r.member = ANY (v_locked) AND NOT r.member = ANY (v_full));
    RETURN json_build_object(
        'members', (SELECT coalesce(json_agg(m), '[]') FROM ${schema}.omniretail_ldg_member m
                    WHERE m.member = ANY (v_locked)),
        'owners', v_owners,
        'lots', array_to_json(v_lots),
        'more', v_more,
        'holds', (SELECT coalesce(json_agg(h), '[]') FROM ${schema}.omniretail_ldg_hold h
                  WHERE h.member = ANY (v_locked)),
        'redemptions', (SELECT coalesce(json_agg(r), '[]') FROM ${schema}.omniretail_ldg_redemption r
                        WHERE (r.id = ANY (v_refs) AND r.member = ANY (v_locked)) OR r.member = ANY (v_full)),
        'outcomes', (SELECT coalesce(json_agg(t), '[]') FROM ${schema}.omniretail_ldg_txn t
                     WHERE t.txn_id = ANY (v_keys)),
        'orders', (SELECT coalesce(json_object_agg(o.order_id, o.entry), '{}')
                   FROM ${schema}.omniretail_ldg_earned_order o WHERE o.order_id = ANY (v_orders)));
END
$$;

-- One round trip to write what a batch changed (see LedgerStorage.Session#write). p: {members, lots, holds,
-- settled, redemptions, entries, outcomes, orders: [{order_id, entry}], program: {account: points}, stripe,
-- merged: {source: target}, events}. A transaction id or order written twice fails the transaction (it reruns).
CREATE FUNCTION ${schema}.omniretail_ldg_write(p json) RETURNS void
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
BEGIN
    INSERT INTO ${schema}.omniretail_ldg_member AS m
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_member, p->'members')
    ON CONFLICT (member) DO UPDATE SET merged_into = excluded.merged_into, available = excluded.available,
        pending = excluded.pending, held = excluded.held, tier = excluded.tier, tier_since = excluded.tier_since,
        review_at = excluded.review_at, in_grace = excluded.in_grace, last_activity = excluded.last_activity,
        qualifying_sum = excluded.qualifying_sum, qualifying_from = excluded.qualifying_from,
        lot_seq = excluded.lot_seq, entries = excluded.entries, last_entry_at = excluded.last_entry_at,
        dormant_at = excluded.dormant_at;
    INSERT INTO ${schema}.omniretail_ldg_lot
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_lot, p->'lots')
    ON CONFLICT (id) DO UPDATE SET member = excluded.member, consume_key = excluded.consume_key,
        remaining = excluded.remaining, pending = excluded.pending, reversed = excluded.reversed,
        qualifying = excluded.qualifying;
    DELETE FROM ${schema}.omniretail_ldg_hold WHERE id IN (SELECT json_array_elements_text(p->'settled'));
    INSERT INTO ${schema}.omniretail_ldg_hold
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_hold, p->'holds');
    INSERT INTO ${schema}.omniretail_ldg_redemption
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_redemption, p->'redemptions')
    ON CONFLICT (id) DO UPDATE SET member = excluded.member, cancelled = excluded.cancelled;
    INSERT INTO ${schema}.omniretail_ldg_entry
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_entry, p->'entries');
    INSERT INTO ${schema}.omniretail_ldg_txn
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_txn, p->'outcomes');
    INSERT INTO ${schema}.omniretail_ldg_earned_order
    SELECT * FROM json_populate_recordset(NULL::${schema}.omniretail_ldg_earned_order, p->'orders');
    INSERT INTO ${schema}.omniretail_ldg_program AS g
    SELECT a.key, (p->>'stripe')::int, a.value::bigint FROM json_each_text(p->'program') AS a ORDER BY a.key
    ON CONFLICT (account, stripe) DO UPDATE SET points = g.points + excluded.points;
    UPDATE ${schema}.omniretail_ldg_lot l SET member = m.value
    FROM json_each_text(p->'merged') AS m WHERE l.member = m.key;
    UPDATE ${schema}.omniretail_ldg_redemption r SET member = m.value
    FROM json_each_text(p->'merged') AS m WHERE r.member = m.key;
    INSERT INTO ${schema}.omniretail_ldg_event (member, occurred_at, type, body)
    SELECT e.member, to_timestamp(e.at / 1000.0), e.type, e.body
    FROM ROWS FROM (json_to_recordset(p->'events') AS (member text, at bigint, type text, body json))
        WITH ORDINALITY AS e(member, at, type, body, n)
    ORDER BY e.n;
END
$$;
