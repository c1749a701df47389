-- Organisations, the directory, kudos, the customer narrative and durable jobs.
-- Every row belongs to an organisation: one database serves many workspaces.

create table orgs (
    id bigint generated always as identity primary key,
    platform text not null,            -- console | slack | teams | discord
    platform_org_id text not null,     -- 'local', a Slack team id, a Teams tenant id, a Discord guild id
    name text not null,
    timezone text not null,            -- IANA zone for channel posts
    locale text not null,              -- language of channel posts
    created_at timestamptz not null,
    unique (platform, platform_org_id)
);

create table departments (
    id bigint generated always as identity primary key,
    org_id bigint not null references orgs(id) on delete cascade,
    path text not null,                -- 'Operations/Support'
    name text not null,                -- last path segment
    parent_id bigint references departments(id) on delete set null,
    manager_id bigint,              -- references people(id), added below
    unique (org_id, path)
);

create table people (
    id bigint generated always as identity primary key,
    org_id bigint not null references orgs(id) on delete cascade,
    platform_user_id text,             -- null until matched with a platform user by email
    handle text not null,              -- part of the email before @, the console's mention
    email text not null,
    display_name text not null,
    department_id bigint references departments(id) on delete set null,
    manager_id bigint references people(id) on delete set null,
    timezone text not null,
    locale text not null,
    is_admin boolean not null default false,
    is_active boolean not null default true,
    welcomed_at timestamptz,                  -- when the welcome message went out; null = not yet
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (org_id, email),
    unique (org_id, handle),
    unique (org_id, platform_user_id)
);
alter table departments add constraint departments_manager_fk
    foreign key (manager_id) references people(id) on delete set null;
create index people_manager on people(org_id, manager_id);

create table kudos (
    id bigint generated always as identity primary key,
    org_id bigint not null references orgs(id) on delete cascade,
    giver_id bigint not null references people(id) on delete cascade,
    giver_department_id bigint references departments(id) on delete set null, -- at the time given
    message text not null,             -- as typed; escaped per platform when shown
    kudos_values text not null,        -- JSON array of value tags
    created_at timestamptz not null
);
create index kudos_giver_time on kudos(org_id, giver_id, created_at);
create index kudos_time on kudos(org_id, created_at);

create table kudos_recipients (
    kudos_id bigint not null references kudos(id) on delete cascade,
    org_id bigint not null references orgs(id) on delete cascade,
    recipient_id bigint not null references people(id) on delete cascade,
    recipient_department_id bigint references departments(id) on delete set null, -- at the time
    recipient_manager_id bigint references people(id) on delete set null,         -- sees it in the digest
    primary key (kudos_id, recipient_id)
);
create index kudos_recipients_person on kudos_recipients(org_id, recipient_id);
create index kudos_recipients_manager on kudos_recipients(org_id, recipient_manager_id);

create table narrative_versions (
    id bigint generated always as identity primary key,
    org_id bigint not null references orgs(id) on delete cascade,
    version bigint not null,          -- 1, 2, 3 … per org
    source text not null,              -- 'file' or 'chat'
    created_by bigint references people(id) on delete set null,
    created_at timestamptz not null,
    unique (org_id, version)
);

create table narrative_texts (
    version_id bigint not null references narrative_versions(id) on delete cascade,
    locale text not null,
    title text not null,
    promise text not null,
    sections text not null,            -- JSON [{heading, body}]
    narrative_values text not null,    -- JSON [{name, description}]
    primary key (version_id, locale)
);

create table narrative_acks (
    version_id bigint not null references narrative_versions(id) on delete cascade,
    org_id bigint not null references orgs(id) on delete cascade,
    person_id bigint not null references people(id) on delete cascade,
    acked_at timestamptz not null,
    primary key (version_id, person_id)
);

create table narrative_moments (
    id bigint generated always as identity primary key,
    org_id bigint not null references orgs(id) on delete cascade,
    job_key text not null unique,      -- the job that posted it: posting twice is impossible
    version_id bigint not null references narrative_versions(id) on delete cascade,
    section_index bigint not null,
    kudos_id bigint references kudos(id) on delete set null,
    posted_at timestamptz not null
);

create table jobs (
    id bigint generated always as identity primary key,
    org_id bigint not null references orgs(id) on delete cascade,
    kind text not null,                -- e.g. 'narrative-moment'
    idempotency_key text not null unique, -- kind + org + fire time: a job is scheduled once
    due_at timestamptz not null,
    status text not null default 'pending', -- pending | running | done | failed
    attempts bigint not null default 0,
    locked_until timestamptz,                 -- a running job whose lock passed is taken over
    last_error text,
    payload text not null default '{}',
    created_at timestamptz not null,
    finished_at timestamptz
);
create index jobs_due on jobs(status, due_at);
