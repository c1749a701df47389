-- The web dashboard: sign-in links sent in chat, and the sessions they open.
--
-- Only a SHA-256 of each secret is stored, so a copy of the database signs nobody in.

-- A link that signs one person of one org in: single use, valid for minutes.
create table web_links (
    token_hash text primary key,
    org_id integer not null references orgs(id) on delete cascade,
    person_id integer not null references people(id) on delete cascade,
    created_at text not null,
    expires_at text not null,
    used_at text                          -- null until it was used
);

-- A signed-in browser: every replica reads it here. Sign-out deletes it.
create table web_sessions (
    token_hash text primary key,
    org_id integer not null references orgs(id) on delete cascade,
    person_id integer not null references people(id) on delete cascade,
    csrf_token text not null,           -- echoed by every form of the session
    created_at text not null,
    expires_at text not null
);
create index web_sessions_by_expiry on web_sessions(expires_at);
