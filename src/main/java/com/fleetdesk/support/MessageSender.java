package com.fleetdesk.support;

public enum MessageSender {
    CUSTOMER, BOT, AGENT, SYSTEM
}
