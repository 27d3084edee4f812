package com.fleetdesk.support.ui;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.SearchField;
import com.fleetdesk.support.HelpArticle;
import com.fleetdesk.support.KnowledgeBase;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The help articles: everybody reads those written for their roles; administrators and support agents edit them. */
@Route("support/articles")
@PageTitle("Help articles · Fleetdesk")
@Menu(title = "Help articles", order = 720, icon = "vaadin:book")
@PermitAll
public class HelpArticlesView extends Main {

    final Grid<HelpArticle> grid = new Grid<>(HelpArticle.class, false);
    final SearchField search = new SearchField("Search", "Title or tag");
    final Button create = new Button("New article", VaadinIcon.PLUS.create());
    final ArticleDialog dialog;
    private final KnowledgeBase knowledge;
    private final boolean editor = CurrentUser.hasAnyRole(Role.ADMIN, Role.SUPPORT_AGENT);

    public HelpArticlesView(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
        this.dialog = new ArticleDialog(knowledge, saved -> {
            Feedback.saved("Article saved; the assistant uses it from now on");
            refresh();
        });
        addClassNames("list-view");
        grid.addColumn(HelpArticle::getTitle).setHeader("Title").setFlexGrow(1).setSortable(true);
        grid.addColumn(HelpArticle::getTags).setHeader("Tags").setFlexGrow(1);
        grid.addColumn(a -> a.getAudience().isEmpty() ? "Everyone"
                : a.getAudience().stream().map(Role::label).collect(Collectors.joining(", "))).setHeader("Written for").setAutoWidth(true);
        grid.setEmptyStateText("No article matches.");
        // Selection (click, or Space on the focused row) opens the article; deselected again so the same row can be reopened.
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(article -> {
            grid.deselectAll();
            open(article);
        }));
        search.addValueChangeListener(e -> refresh());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(editor);
        create.addClickListener(e -> dialog.edit(new HelpArticle("", "", "")));
        HorizontalLayout toolbar = new HorizontalLayout(search, create);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H1("Help articles"), toolbar, grid);
        refresh();
    }

    private void open(HelpArticle article) {
        if (editor) {
            dialog.edit(article);
        } else {
            Dialog read = new Dialog();
            read.setHeaderTitle(article.getTitle());
            read.add(new Markdown(article.getBody()));
            read.setWidth("min(48rem, 100vw)");
            read.getFooter().add(new Button("Close", e -> read.close()));
            read.open();
        }
    }

    void refresh() {
        String text = search.getValue() == null ? "" : search.getValue().strip().toLowerCase(Locale.ROOT);
        List<HelpArticle> all = knowledge.articles();
        grid.setItems(text.isEmpty() ? all : all.stream()
                .filter(a -> a.getTitle().toLowerCase(Locale.ROOT).contains(text) || a.getTags().contains(text)).toList());
    }

    /** Edits an article's id, title, tags, audience and Markdown text. */
    static class ArticleDialog extends EditDialog<HelpArticle> {

        final TextField slug = new TextField("Id (used in links)");
        final TextField title = new TextField("Title");
        final TextField tags = new TextField("Tags (comma-separated)");
        final MultiSelectComboBox<Role> audience = new MultiSelectComboBox<>("Written for (empty = everyone)");
        final TextArea body = new TextArea("Text (Markdown)");

        ArticleDialog(KnowledgeBase knowledge, com.vaadin.flow.function.SerializableConsumer<HelpArticle> afterSave) {
            super("Help article", HelpArticle.class, knowledge::save, afterSave);
            audience.setItems(Role.values());
            audience.setItemLabelGenerator(Role::label);
            body.setMinHeight("18em");
            form.add(slug, title, tags, audience);
            form.add(body, 2);
            binder.bindInstanceFields(this);
        }
    }
}
