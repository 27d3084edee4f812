--liquibase formatted sql

--changeset fleetdesk:0016-route-plan-solving-lease
-- Which node is solving a plan, and until when it vouches for it: the node renews the lease while
-- its solver runs; a plan whose lease ran out (its node stopped) is marked failed by any node,
-- while plans another live node is solving are left alone.
alter table route_plan add column solving_node varchar(64), add column solving_lease_until timestamptz;
