package com.fleetdesk.support;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A help article in Markdown: what the assistant retrieves from and agents link to. */
@Entity
@Table(name = "help_article")
public class HelpArticle extends AuditedEntity {

    @NotBlank(message = "Give the article a short id made of lower-case letters, digits and dashes")
    @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "Use lower-case letters, digits and single dashes only")
    @Size(max = 80, message = "Keep the id under 80 characters")
    @Column(nullable = false, length = 80)
    private String slug;

    @NotBlank(message = "Give the article a title")
    @Size(max = 200, message = "Keep the title under 200 characters")
    @Column(nullable = false, length = 200)
    private String title;

    @Size(max = 500, message = "Keep the tags under 500 characters")
    @Column(nullable = false, length = 500)
    private String tags = "";

    /** Comma-separated role names; empty = everyone. */
    @Column(nullable = false, length = 300)
    private String audience = "";

    @NotBlank(message = "Write the article's text")
    @Size(max = 50_000, message = "Keep the article under 50,000 characters")
    @Column(nullable = false)
    private String body;

    protected HelpArticle() {
    }

    public HelpArticle(String slug, String title, String body) {
        this.slug = slug;
        this.title = title;
        this.body = body;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug == null ? null : slug.strip().toLowerCase(Locale.ROOT);
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title == null ? null : title.strip();
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags == null ? "" : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT)).distinct().collect(Collectors.joining(", "));
    }

    public List<String> tagList() {
        return tags.isBlank() ? List.of() : Arrays.stream(tags.split(",")).map(String::strip).toList();
    }

    public Set<Role> getAudience() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (!audience.isBlank()) {
            Arrays.stream(audience.split(",")).map(String::strip).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }

    public void setAudience(Set<Role> roles) {
        this.audience = roles == null ? "" : roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    /** True when a user with {@code roles} is meant to read this article (no audience = everyone). */
    public boolean readableBy(Set<Role> roles) {
        Set<Role> audience = getAudience();
        return audience.isEmpty() || roles.contains(Role.ADMIN) || roles.contains(Role.SUPPORT_AGENT)
                || audience.stream().anyMatch(roles::contains);
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
