package com.fleetdesk.support;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A reply agents insert with one click. */
@Entity
@Table(name = "support_canned_response")
public class CannedResponse extends AuditedEntity {

    @NotBlank(message = "Give the response a title")
    @Size(max = 100, message = "Keep the title under 100 characters")
    @Column(nullable = false)
    private String title;

    @NotBlank(message = "Write the response")
    @Size(max = 2000, message = "Keep the response under 2,000 characters")
    @Column(nullable = false)
    private String text;

    protected CannedResponse() {
    }

    public CannedResponse(String title, String text) {
        this.title = title;
        this.text = text;
    }

    public String getTitle() {
        return title;
    }

    public String getText() {
        return text;
    }

    public void setTitle(String title) {
        this.title = title == null ? null : title.strip();
    }

    public void setText(String text) {
        this.text = text == null ? null : text.strip();
    }
}
