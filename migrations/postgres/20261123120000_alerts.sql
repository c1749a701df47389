-- Drop alerts: a sustained fall in a team's figure, sent to its manager, with the action the
-- manager chose. One alert per team, series and start of the fall: an alarm that lasts several
-- rounds is reported once.
create table pulse_alerts (
    id bigint generated always as identity primary key,
    org_id bigint not null references orgs(id) on delete cascade,
    department_id bigint not null references departments(id) on delete cascade,
    series text not null,              -- 'engagement', a driver, 'response-rate' or 'kudos'
    since_round_id bigint not null references pulse_rounds(id) on delete cascade,
    raised_round_id bigint not null references pulse_rounds(id) on delete cascade,
    baseline double precision not null,
    current double precision not null,
    created_at timestamptz not null,
    action text,                       -- what the manager said they will do
    action_at timestamptz,
    unique (department_id, series, since_round_id)
);
create index pulse_alerts_org on pulse_alerts(org_id, created_at);
