-- Members' personal data for MemberProfiles: one row per member (the pseudonym once erased) and one per personal
-- field, each value AES-GCM sealed under the key named in key_id (never stored in clear).
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_profile (
    member VARCHAR(128) NOT NULL PRIMARY KEY,
    pseudonym VARCHAR(128) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_profile_field (
    member VARCHAR(128) NOT NULL,
    field VARCHAR(32) NOT NULL,
    key_id VARCHAR(255) NOT NULL,
    sealed VARBINARY(4096) NOT NULL,
    PRIMARY KEY (member, field),
    KEY omniretail_ldg_profile_field_key (key_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
