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

-- One round trip to lock and load what a batch needs (the argument is jsonb: parsed once, however often it is read) (see LedgerStorage.Session#lock). p: {members, create,
-- references, idempotency, orders, debits: {member: points}, full, now, windowStart}. Returns {members, owners,
-- lots, more, holds, redemptions, outcomes, orders}, rows as JSON objects named like the columns.
CREATE FUNCTION ${schema}.omniretail_ldg_lock(p jsonb) RETURNS json
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
    v_now bigint := (p->>'now')::bigint;
    v_window bigint := (p->>'windowStart')::bigint;
    v_named text[] := ARRAY(SELECT jsonb_array_elements_text(p->'members'));
    v_refs text[] := ARRAY(SELECT jsonb_array_elements_text(p->'references'));
    v_full text[] := ARRAY(SELECT jsonb_array_elements_text(p->'full'));
    v_keys text[] := ARRAY(SELECT jsonb_array_elements_text(p->'idempotency'));
    v_orders text[] := ARRAY(SELECT jsonb_array_elements_text(p->'orders'));
    v_owners json;
    v_roots text[];
    v_locked text[] := '{}';
    v_want text[];
    v_key bigint;
    v_dormant text[];
    v_prefix text[];
    v_lots json[];
    v_more json;
BEGIN
    v_owners := '{}';
    v_roots := '{}';
    LOOP
        -- owners of the referenced transactions, followed to the live member they were merged into
        IF cardinality(v_refs) > 0 THEN
        WITH RECURSIVE o(ref, member, depth) AS (
            SELECT t.txn_id, t.owner, 0 FROM ${schema}.omniretail_ldg_txn t
            WHERE t.txn_id = ANY (v_refs) AND NOT t.failed AND t.owner IS NOT NULL
            UNION ALL
            SELECT o.ref, m.merged_into, o.depth + 1 FROM o JOIN ${schema}.omniretail_ldg_member m
                ON m.member = o.member WHERE m.merged_into IS NOT NULL AND o.depth < 1000)
        SELECT coalesce(json_object_agg(x.ref, x.member), '{}'), coalesce(array_agg(x.member), '{}')
        INTO v_owners, v_roots
        FROM (SELECT DISTINCT ON (ref) ref, member FROM o ORDER BY ref, depth DESC) x;
        END IF;
        v_want := v_named || v_roots;
        -- a transaction-scoped advisory lock per member, in key order, before any write
        FOR v_key IN SELECT DISTINCT hashtextextended('omniretail.ldg.${schema}.' || s, 0)
                     FROM unnest(v_want) AS s WHERE NOT s = ANY (v_locked) ORDER BY 1 LOOP
            PERFORM pg_advisory_xact_lock(v_key);
        END LOOP;
        v_locked := ARRAY(SELECT DISTINCT s FROM unnest(v_locked || v_want) AS s);
        -- an owner merged away while we waited: resolve again
        EXIT WHEN cardinality(v_roots) = 0 OR NOT EXISTS (SELECT 1 FROM ${schema}.omniretail_ldg_member m
                              WHERE m.member = ANY (v_roots) AND m.merged_into IS NOT NULL);
    END LOOP;
    IF jsonb_array_length(p->'create') > 0 THEN
        INSERT INTO ${schema}.omniretail_ldg_member
        SELECT * FROM jsonb_populate_recordset(NULL::${schema}.omniretail_ldg_member, p->'create') ORDER BY member
        ON CONFLICT DO NOTHING;
    END IF;
    -- lots, set-based over all locked members: every lot of fully loaded members; every active lot of dormant
    -- ones; for the others a prefix in consumption order covering the member's debits (at least one lot; two are
    -- read to know whether more exist), then what fell due, what rolls out of the tier window, what was named,
    -- what open holds and named redemptions took
    SELECT coalesce(array_agg(m.member) FILTER (WHERE m.member = ANY (v_full)), '{}'),
           coalesce(array_agg(m.member) FILTER (WHERE NOT m.member = ANY (v_full) AND m.dormant_at <= v_now), '{}'),
           coalesce(array_agg(m.member) FILTER (WHERE NOT m.member = ANY (v_full) AND m.dormant_at > v_now), '{}')
    INTO v_full, v_dormant, v_prefix
    FROM ${schema}.omniretail_ldg_member m WHERE m.member = ANY (v_locked);
    WITH b AS (SELECT s AS member, coalesce((p->'debits'->>s)::bigint, 0) AS budget FROM unnest(v_prefix) AS s),
    pre AS (SELECT b.member, b.budget, x AS lot, row_number() OVER w AS rn, count(*) OVER (PARTITION BY b.member) AS n,
                   sum(x.remaining) OVER w - x.remaining AS before
            FROM b CROSS JOIN LATERAL (
                SELECT * FROM ${schema}.omniretail_ldg_lot l
                WHERE l.member = b.member AND l.remaining > 0 AND NOT l.pending
                ORDER BY l.consume_key, l.seq, l.id LIMIT CASE WHEN b.budget = 0 THEN 2 ELSE 65 END) x
            WINDOW w AS (PARTITION BY b.member ORDER BY x.consume_key, x.seq, x.id)),
    kept AS (SELECT * FROM pre WHERE rn = 1 OR before < budget)
    SELECT ARRAY(SELECT row_to_json(k.lot) FROM kept k),
           (SELECT coalesce(json_object_agg(last.member, row_to_json(last.lot)), '{}')
            FROM (SELECT DISTINCT ON (k.member) k.member, k.lot, k.rn, k.n FROM kept k ORDER BY k.member, k.rn DESC) last
            WHERE last.rn < last.n OR last.rn = 65)
    INTO v_lots, v_more;
    v_lots := v_lots || ARRAY(
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l WHERE l.member = ANY (v_full)
        UNION ALL
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
        WHERE l.member = ANY (v_dormant) AND l.remaining > 0 AND NOT l.pending
        UNION ALL
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
        WHERE l.remaining > 0 AND NOT l.pending AND l.expires_at <= v_now AND l.member = ANY (v_prefix)
        UNION ALL
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
        WHERE l.pending AND l.available_at <= v_now AND l.member = ANY (v_prefix || v_dormant)
        UNION ALL
        SELECT row_to_json(l) FROM ${schema}.omniretail_ldg_lot l
        WHERE l.member = ANY (v_prefix || v_dormant) AND l.qualifying > 0 AND l.earned_at <= v_window
        UNION ALL
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
CREATE FUNCTION ${schema}.omniretail_ldg_write(p jsonb) RETURNS void
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
        ON CONFLICT (id) DO UPDATE SET member = excluded.member, consume_key = excluded.consume_key,
            remaining = excluded.remaining, pending = excluded.pending, reversed = excluded.reversed,
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
        ON CONFLICT (id) DO UPDATE SET member = excluded.member, cancelled = excluded.cancelled;
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
