package com.fleetdesk.base.ui;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientConnectionException;
import java.util.UUID;

/**
 * What a user sees when something a screen did failed without the screen handling it: a clear
 * sentence instead of a silent failure — "the database cannot be reached" while PostgreSQL
 * restarts, "not allowed" for a refused call, and otherwise a reference to quote to support
 * (the details are logged under that reference).
 */
@Component
public class FailureNotices implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureNotices.class);
    public static final String DATABASE_DOWN = "Fleetdesk cannot reach its database right now. Nothing was saved; try again in a moment.";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        String message = messageFor(event.getThrowable());
        if (UI.getCurrent() != null) {
            Feedback.error(message);
        }
    }

    /** The sentence for a failure; unexpected ones are logged with the reference the sentence gives. */
    public static String messageFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException || t instanceof ChangedBySomeoneElseException) {
                return t.getMessage();
            }
            if (t instanceof AccessDeniedException) {
                return "You are not allowed to do that. Ask an administrator if you need to.";
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessException || t instanceof SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                log.warn("Database unavailable: {}", t.getMessage());
                return DATABASE_DOWN;
            }
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected failure (reference {})", reference, failure);
        return "Something went wrong on the server. Please try again; if it keeps happening, tell support the reference " + reference + ".";
    }
}
