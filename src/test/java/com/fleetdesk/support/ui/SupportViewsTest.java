package com.fleetdesk.support.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.PushedUpdates;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.support.ConversationStatus;
import com.fleetdesk.support.HelpArticle;
import com.fleetdesk.support.KnowledgeBase;
import com.fleetdesk.support.SupportChatService;
import com.fleetdesk.support.SupportConsole;
import com.fleetdesk.support.SupportConversation;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {AssistantView.class, AgentConsoleView.class, HelpArticlesView.class, MainLayout.class})
class SupportViewsTest extends SpringBrowserlessTest {

    @Autowired
    SupportChatService chat;
    @Autowired
    SupportConsole console;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KnowledgeBase knowledge;

    private void fresh(String user) {
        jdbc.sql("update support_conversation set status = 'CLOSED', closed_at = now() where customer_username = ? and status <> 'CLOSED'")
                .param(user).update();
    }

    private String transcript(AssistantView view) {
        return view.transcript.getElement().getTextRecursively();
    }

    @Test
    @WithUserDetails("driver")
    void aDriverAsksTheAssistantThenAsksForAPersonAndSeesTheAgentsReplyLive() {
        fresh("driver");
        AssistantView view = navigate(AssistantView.class);
        test(view.send).click();
        assertThat(view.message.isInvalid()).isTrue();
        assertThat(view.message.getErrorMessage()).isEqualTo("Write a message first");

        test(view.message).setValue("How do I submit my trip for approval?");
        test(view.send).click();
        assertThat(transcript(view)).contains("How do I submit my trip for approval?", "Submit for approval", "Submitting trips and approvals");
        assertThat(view.status.getElement().getTextRecursively()).isEqualTo("With the assistant");

        test(view.person).click();
        assertThat(view.status.getElement().getTextRecursively()).isEqualTo("Waiting for an agent");
        assertThat(view.person.isVisible()).isFalse();

        SupportConversation c = chat.current().orElseThrow();
        signedIn.run("agent", () -> {
            console.takeOver(c.getId());
            console.reply(c.getId(), "Hi, Sam from support here.");
        });
        PushedUpdates.deliver();
        assertThat(transcript(view)).as("pushed to the open chat").contains("Hi, Sam from support here.", "agent (support)");
        assertThat(view.status.getElement().getTextRecursively()).isEqualTo("With an agent");

        signedIn.run("agent", () -> console.resolve(c.getId(), "Explained how to submit."));
        PushedUpdates.deliver();
        assertThat(view.rating.isVisible()).isTrue();
        test(view.rate).click();
        assertThat(view.rating.isInvalid()).isTrue();
        view.rating.setValue(5);
        test(view.rate).click();
        assertThat(chat.history().getFirst().getCsat()).isEqualTo(5);
        assertThat(chat.history().getFirst().getStatus()).isEqualTo(ConversationStatus.CLOSED);
    }

    @Test
    @WithUserDetails("agent")
    void theAgentSeesTheQueueTakesOverRepliesWithACannedResponseAndResolves() {
        fresh("office");
        SupportConversation c = signedIn.as("office", () -> chat.send("Can I speak to someone please?"));
        AgentConsoleView view = navigate(AgentConsoleView.class);
        assertThat(view.presence.getValue()).isEqualTo("Online");
        int row = -1;
        for (int i = 0; i < test(view.queue).size(); i++) {
            if (test(view.queue).getRow(i).conversationId() == c.getId()) {
                row = i;
            }
        }
        assertThat(row).as("the waiting conversation is in the queue").isNotNegative();
        assertThat(test(view.queue).getLitRendererPropertyValue(row, 2, "text", String.class)).isEqualTo("Waiting for an agent");
        assertThat(test(view.queue).getCellText(row, 4)).contains("min");
        test(view.queue).select(row);
        assertThat(view.heading.getText()).startsWith("Conversation with office");
        assertThat(view.context.getElement().getTextRecursively()).contains("OFFICE_STAFF");
        assertThat(view.send.isEnabled()).isFalse();

        test(view.takeOver).click();
        assertThat(view.send.isEnabled()).isTrue();
        view.canned.setValue(view.canned.getListDataView().getItems().filter(r -> r.getTitle().equals("Greeting")).findFirst().orElseThrow());
        assertThat(view.reply.getValue()).startsWith("Hello, this is the Fleetdesk support team.");
        test(view.send).click();
        assertThat(signedIn.as("office", () -> chat.messages(c.getId())).getLast().getText()).startsWith("Hello, this is the Fleetdesk support team.");

        signedIn.run("office", () -> chat.send("Thanks, my trip shows the wrong vehicle"));
        PushedUpdates.deliver();
        assertThat(test(view.messages).size()).as("the customer's reply arrives by push").isGreaterThanOrEqualTo(5);

        test(view.newCanned).click();
        AgentConsoleView.CannedResponseDialog cannedDialog = $(AgentConsoleView.CannedResponseDialog.class).single();
        cannedDialog.title.setValue("Greeting");
        cannedDialog.text.setValue("Hi!");
        test($(com.vaadin.flow.component.button.Button.class).withText("Save").single()).click();
        assertThat(cannedDialog.isOpened()).as("titles are unique").isTrue();
        assertThat(cannedDialog.title.getErrorMessage()).isEqualTo("Another canned response already has this title");
        cannedDialog.title.setValue("Vehicle swap " + System.nanoTime());
        test($(com.vaadin.flow.component.button.Button.class).withText("Save").single()).click();
        assertThat(cannedDialog.isOpened()).isFalse();
        assertThat(view.canned.getListDataView().getItems().map(r -> r.getText())).contains("Hi!");

        test(view.resolve).click();
        assertThat(view.resolution.isInvalid()).isTrue();
        assertThat(view.resolution.getErrorMessage()).isEqualTo("Write what solved the problem");
        test(view.resolution).setValue("Changed the vehicle on the trip.");
        test(view.resolve).click();
        assertThat(signedIn.as("office", () -> chat.current()).orElseThrow().getStatus()).isEqualTo(ConversationStatus.RESOLVED);
    }

    @Test
    @WithUserDetails("agent")
    void agentsEditArticlesAndTheAssistantAnswersFromTheChangeAtOnce() {
        HelpArticlesView view = navigate(HelpArticlesView.class);
        assertThat(test(view.grid).size()).isGreaterThanOrEqualTo(15);
        test(view.create).click();
        HelpArticlesView.ArticleDialog dialog = $(HelpArticlesView.ArticleDialog.class).single();
        assertThat(dialog.isOpened()).isTrue();
        dialog.slug.setValue("Bad Id!");
        dialog.title.setValue("Fuel cards");
        dialog.body.setValue("# Fuel cards\nIf your fuel card is declined, call the Allstar helpline printed on the back of the card.");
        test($(com.vaadin.flow.component.button.Button.class).withText("Save").single()).click();
        assertThat(view.dialog.slug.isInvalid()).isTrue();
        dialog.slug.setValue("fuel-cards");
        test($(com.vaadin.flow.component.button.Button.class).withText("Save").single()).click();
        assertThat(view.dialog.isOpened()).isFalse();

        fresh("driver");
        SupportConversation c = signedIn.as("driver", () -> chat.send("my fuel card got declined at the pump, what now?"));
        assertThat(signedIn.as("driver", () -> chat.messages(c.getId())).getLast().getText()).contains("Allstar helpline");
        HelpArticle saved = view.grid.getListDataView().getItems().filter(a -> a.getSlug().equals("fuel-cards")).findFirst().orElseThrow();
        knowledge.delete(saved.getId());
    }

    @Test
    @WithUserDetails("driver")
    void driversReadArticlesButCannotEditThem() {
        HelpArticlesView view = navigate(HelpArticlesView.class);
        assertThat(view.create.isVisible()).isFalse();
        assertThat(view.grid.getListDataView().getItems().map(HelpArticle::getSlug)).doesNotContain("users-and-roles");
    }
}
