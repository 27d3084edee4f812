package com.fleetdesk.base.domain;

/** A save based on a stale version of a record: the user must reload and reapply the edit. */
public class ChangedBySomeoneElseException extends RuntimeException {
    public ChangedBySomeoneElseException(String what) {
        super(what + " was changed by someone else while you were editing. Reload it and apply your change again.");
    }
}
