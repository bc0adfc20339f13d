-- Members' personal data for MemberProfiles: one row per member (the pseudonym once erased) and one per personal
-- field, each value AES-GCM sealed under the key named in key_id (never stored in clear).
CREATE TABLE ${schema}.omniretail_ldg_profile (
    member text PRIMARY KEY,
    pseudonym text
);
CREATE TABLE ${schema}.omniretail_ldg_profile_field (
    member text NOT NULL REFERENCES ${schema}.omniretail_ldg_profile (member),
    field text NOT NULL,
    key_id text NOT NULL,
    sealed bytea NOT NULL,
    PRIMARY KEY (member, field)
);
CREATE INDEX omniretail_ldg_profile_field_key ON ${schema}.omniretail_ldg_profile_field (key_id);
