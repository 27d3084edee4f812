package com.fleetdesk.support;

import java.time.Duration;

/**
 * Support KPIs over the conversations started in a period: how many; the share the assistant
 * resolved without a person; the share of resolved conversations solved at first contact (no
 * transfer, not reopened); the average time from an agent taking over to resolving; the average
 * rating (null without ratings); and the share handed to a person.
 */
public record SupportKpiSummary(long conversations, double botResolvedShare, double firstContactResolution,
                                Duration averageHandleTime, Double averageCsat, double escalationRate) {
}
