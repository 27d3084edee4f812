--liquibase formatted sql

--changeset fleetdesk:0013-audit-log splitStatements:false
-- Who changed what, when, with the values before and after. Written in the same transaction
-- as the change itself; append-only like the stock ledger.
create table audit_log (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz  not null default now(),
    username    varchar(100) not null,
    entity_type varchar(100) not null,
    entity_id   varchar(100),
    action      varchar(10)  not null check (action in ('CREATE','UPDATE','DELETE')),
    changes     jsonb        not null
);
create index audit_log_occurred_ix on audit_log (occurred_at desc, id desc);
create index audit_log_entity_ix on audit_log (entity_type, entity_id, occurred_at desc);
create index audit_log_user_ix on audit_log (lower(username), occurred_at desc);

create function audit_log_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'P0001';
end
$$;

create trigger audit_log_no_update_delete
    before update or delete on audit_log
    for each row execute function audit_log_append_only();
