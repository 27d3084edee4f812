package com.fleetdesk.routing;

import java.util.List;

/** What a CSV import did: how many stops it added and, per refused row, why. */
public record CsvImportReport(int added, List<String> errors) {
}
