--liquibase formatted sql

--changeset fleetdesk:0017-login-failures
-- Failed sign-ins counted in the database, so that every node sees the same count: a guesser spread
-- over the nodes by the load balancer gets the limit once, not once per node.
create table login_failure (
    subject        varchar(300) primary key, -- "user:<name in lower case>" or "address:<ip>"
    failures       integer      not null,
    last_failed_at timestamptz  not null
);
