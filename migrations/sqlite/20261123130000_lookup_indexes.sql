-- Indexes for the lookups made by person rather than by org: a giver's allowance and stats,
-- a person's received kudos, a manager's digest, a person's latest pulse.
create index kudos_giver on kudos(giver_id, created_at);
create index kudos_recipients_recipient on kudos_recipients(recipient_id);
create index kudos_recipients_recipient_manager on kudos_recipients(recipient_manager_id);
create index pulse_deliveries_person on pulse_deliveries(person_id, delivered_at);
