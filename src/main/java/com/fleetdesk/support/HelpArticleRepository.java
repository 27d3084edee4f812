package com.fleetdesk.support;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface HelpArticleRepository extends JpaRepository<HelpArticle, Long> {

    Optional<HelpArticle> findBySlug(String slug);

    List<HelpArticle> findAllByOrderByTitle();
}
