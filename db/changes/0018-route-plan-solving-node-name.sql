--liquibase formatted sql

--changeset fleetdesk:0018-route-plan-solving-node-name
-- The solving node is now named by the node's stable name (host name and port, or
-- fleetdesk.node-name) and the run's id, so a restarted node recognises what it left solving;
-- host names alone can be 63 characters.
alter table route_plan alter column solving_node type varchar(255);
