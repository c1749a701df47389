-- Two sources describe people: the org chart (CSV, the admin's word) and the chat platform's
-- member list. These columns remember who said what, so neither undoes the other: what the
-- chart wrote wins, the platform fills in what it left blank, and a person is active only
-- while neither says otherwise (is_active = chart_active and platform_active).
alter table people add column name_from_chart boolean not null default false;     -- the chart named them
alter table people add column timezone_from_chart boolean not null default false; -- the chart wrote a zone
alter table people add column locale_from_chart boolean not null default false;   -- the chart wrote a language
alter table people add column chart_active boolean not null default true;         -- the chart's active flag
alter table people add column platform_active boolean not null default true;      -- false once the account is deleted
-- Everyone so far came from a chart; treat their values as its word until the next import.
update people set name_from_chart = true, timezone_from_chart = true,
    locale_from_chart = true, chart_active = is_active;
