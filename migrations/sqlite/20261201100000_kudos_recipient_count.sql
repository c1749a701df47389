-- How many people each kudos thanked, kept on the kudos itself, so a giver's allowance ("people
-- thanked today") is a sum over one index range instead of a join per kudos.
alter table kudos add column recipient_count integer not null default 0;
update kudos set recipient_count = (select count(*) from kudos_recipients r where r.kudos_id = kudos.id);
create index kudos_giver_allowance on kudos(giver_id, created_at, recipient_count);
