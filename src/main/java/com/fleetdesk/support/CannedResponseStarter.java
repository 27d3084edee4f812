package com.fleetdesk.support;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Ships a few canned responses with a fresh installation; agents edit and add their own. */
@Component
class CannedResponseStarter {

    private final CannedResponseRepository canned;

    CannedResponseStarter(CannedResponseRepository canned) {
        this.canned = canned;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    void seed() {
        if (canned.count() > 0) {
            return;
        }
        List.of(new CannedResponse("Greeting", "Hello, this is the Fleetdesk support team. I'm looking at your question now."),
                new CannedResponse("Password reset", "An administrator has set a new password for your account; sign in with it and "
                        + "tell us if it does not work."),
                new CannedResponse("Trip waiting for approval", "Your trip is waiting for your depot manager's decision. I have reminded them; "
                        + "you will get a notification as soon as they decide."),
                new CannedResponse("Receipt upload", "Receipts can be JPEG, PNG or PDF files up to the size shown in the expense dialog. "
                        + "If your photo is larger, take it again at a lower resolution."),
                new CannedResponse("Tracker offline", "Your vehicle's tracker has not reported for a while. Please check that it has power "
                        + "and signal; it reconnects by itself."),
                new CannedResponse("Anything else", "Is there anything else I can help you with?"),
                new CannedResponse("Closing", "I'll mark this as resolved now. Please rate the help you got; thank you!"))
                .forEach(canned::save);
    }
}
