-- Pulse surveys: rounds, who was invited (for reminders and response rates only), and
-- answers that are anonymous by construction.
--
-- Answer rows never hold a person id or a time. While a round is open, each answer carries a
-- respondent key: HMAC(round secret, person), so a person can see and change their own
-- answers. When the round closes, the secret is erased and every respondent key is set to
-- null in the same transaction: from then on nobody, with any access, can link an answer to a
-- person. Answer ids are random, so row order does not betray who answered first.

create table pulse_rounds (
    id integer primary key,
    org_id integer not null references orgs(id) on delete cascade,
    round_key text not null,           -- the org-level fire time, e.g. 2026-11-30T10:00 (or 'manual:<time>')
    question_ids text not null,        -- JSON array, in the order people see them
    secret text,                       -- random; erased when the round closes
    opens_at text not null,            -- the first delivery
    closes_at text not null,           -- answers are refused after this
    status text not null default 'open', -- open | closed
    created_at text not null,
    unique (org_id, round_key)
);
create index pulse_rounds_status on pulse_rounds(status, closes_at);

create table pulse_deliveries (
    round_id integer not null references pulse_rounds(id) on delete cascade,
    org_id integer not null references orgs(id) on delete cascade,
    person_id integer not null references people(id) on delete cascade,
    department_id integer references departments(id) on delete set null, -- at invitation time
    deliver_at text not null,          -- the round's local time in the person's zone
    delivered_at text,                 -- null until sent: the durable delivery queue
    remind_at text not null,
    reminded_at text,
    responded boolean not null default false, -- drives reminders and response rates, nothing else
    claimed_until text,                -- a worker sending it; taken over after this passes
    primary key (round_id, person_id)
);
create index pulse_deliveries_due on pulse_deliveries(delivered_at, deliver_at);
create index pulse_deliveries_remind on pulse_deliveries(reminded_at, responded, remind_at);

create table pulse_answers (
    id text primary key,               -- random, so order reveals nothing
    round_id integer not null references pulse_rounds(id) on delete cascade,
    org_id integer not null references orgs(id) on delete cascade,
    department_id integer references departments(id) on delete set null,
    question_id text not null,
    driver text not null,
    value integer not null,
    respondent_key text,               -- HMAC while the round is open; null after it closes
    unique (round_id, respondent_key, question_id)
);
create index pulse_answers_round on pulse_answers(round_id, department_id);

create table pulse_comments (
    id text primary key,               -- random
    round_id integer not null references pulse_rounds(id) on delete cascade,
    org_id integer not null references orgs(id) on delete cascade,
    department_id integer references departments(id) on delete set null,
    body text not null,
    respondent_key text,               -- as for answers
    unique (round_id, respondent_key)
);

-- Results, computed once when a round closes (reports never rescan answers). One row per
-- round, department (of the respondents, not their subtree; null = no department) and series:
-- a driver, or 'engagement' for each respondent's mean answer. Reports add rows up a subtree
-- and apply the k rule then.
create table pulse_results (
    round_id integer not null references pulse_rounds(id) on delete cascade,
    org_id integer not null references orgs(id) on delete cascade,
    department_id integer references departments(id) on delete set null,
    series text not null,
    n integer not null,                -- answers (for 'engagement': respondents)
    total real not null,               -- sum of values
    total_sq real not null,            -- sum of squared values, for the spread
    distribution text not null         -- JSON {value: count}; '{}' for 'engagement'
);
create index pulse_results_round on pulse_results(org_id, round_id);

-- Participation per round and department, counted when the round closes.
create table pulse_participation (
    round_id integer not null references pulse_rounds(id) on delete cascade,
    org_id integer not null references orgs(id) on delete cascade,
    department_id integer references departments(id) on delete set null,
    invited integer not null,
    responded integer not null
);
create index pulse_participation_round on pulse_participation(org_id, round_id);
