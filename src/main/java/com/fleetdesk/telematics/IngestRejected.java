package com.fleetdesk.telematics;

/** A report refused with a reason the tracker's owner can act on; answered with a 4xx status. */
public class IngestRejected extends RuntimeException {

    private final int status;
    private final String metricReason;

    public IngestRejected(int status, String metricReason, String message) {
        super(message);
        this.status = status;
        this.metricReason = metricReason;
    }

    public static IngestRejected malformed(String message) {
        return new IngestRejected(400, "malformed", message);
    }

    public int status() {
        return status;
    }

    public String metricReason() {
        return metricReason;
    }
}
