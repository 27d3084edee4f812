package com.fleetdesk.support;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The help articles and their embedded passages. Articles live in PostgreSQL; their passages'
 * embeddings too (bytea), and all of them are held in memory for scoring, since a few hundred
 * 384-dimension vectors are scored faster in Java than fetched. An article's passages are
 * re-embedded whenever it changes, on the node that saved it; other nodes re-read them on the
 * {@link HelpArticleChanged} event.
 */
@Service
public class KnowledgeBase {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

    /** One passage of an article, with the article facts needed to filter and cite it. */
    record Passage(long articleId, String slug, String title, Set<Role> audience, String text, float[] vector) {

        boolean readableBy(Set<Role> roles) {
            return audience.isEmpty() || roles.contains(Role.ADMIN) || roles.contains(Role.SUPPORT_AGENT)
                    || audience.stream().anyMatch(roles::contains);
        }
    }

    record ScoredPassage(Passage passage, double score) {
    }

    private final HelpArticleRepository articles;
    private final JdbcClient jdbc;
    private final TextEmbedder embedder;
    private final EntityValidation validation;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private volatile List<Passage> passages = List.of();
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    private volatile ArticleLexicon lexicon = new ArticleLexicon(List.of());

    KnowledgeBase(HelpArticleRepository articles, JdbcClient jdbc, TextEmbedder embedder, EntityValidation validation,
                  ApplicationEventPublisher events, org.springframework.transaction.PlatformTransactionManager tm) {
        this.articles = articles;
        this.jdbc = jdbc;
        this.embedder = embedder;
        this.validation = validation;
        this.events = events;
        this.transactions = new TransactionTemplate(tm);
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The articles written for the caller's roles, by title. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<HelpArticle> articles() {
        Set<Role> roles = CurrentUser.roles();
        return articles.findAllByOrderByTitle().stream().filter(a -> a.readableBy(roles)).toList();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<HelpArticle> article(String slug) {
        Set<Role> roles = CurrentUser.roles();
        return articles.findBySlug(slug).filter(a -> a.readableBy(roles));
    }

    /** The {@code limit} passages closest to {@code query} among those written for {@code roles}. */
    List<ScoredPassage> search(float[] query, Set<Role> roles, int limit) {
        awaitReady();
        return passages.stream().filter(p -> p.readableBy(roles))
                .map(p -> new ScoredPassage(p, TextEmbedder.dot(query, p.vector())))
                .sorted(Comparator.comparingDouble(ScoredPassage::score).reversed())
                .limit(limit).toList();
    }

    List<String> slugs() {
        awaitReady();
        return passages.stream().map(Passage::slug).distinct().sorted().toList();
    }

    int passageCount() {
        return passages.size();
    }

    // ---- editing ---------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public HelpArticle save(HelpArticle article) {
        validation.require(article);
        articles.findBySlug(article.getSlug()).filter(other -> !other.getId().equals(article.getId())).ifPresent(other -> {
            throw new InvalidInputException("slug", "Another article already uses the id " + article.getSlug());
        });
        try {
            HelpArticle saved = articles.saveAndFlush(article);
            storePassages(saved);
            events.publishEvent(new HelpArticleChanged(saved.getId(), false));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Article " + article.getTitle());
        }
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public void delete(long articleId) {
        HelpArticle article = articles.findById(articleId)
                .orElseThrow(() -> new InvalidInputException("This article no longer exists."));
        articles.delete(article);
        events.publishEvent(new HelpArticleChanged(articleId, true));
    }

    /** Reloads the changed article's passages into memory (here and on every other node). */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    synchronized void onArticleChanged(HelpArticleChanged changed) {
        awaitReady();
        List<Passage> kept = new ArrayList<>(passages.stream().filter(p -> p.articleId() != changed.articleId()).toList());
        if (!changed.deleted()) {
            kept.addAll(readPassages(changed.articleId()));
        }
        setPassages(kept);
    }

    private void setPassages(List<Passage> all) {
        lexicon = new ArticleLexicon(all);
        passages = List.copyOf(all);
    }

    /** Word-match scores per article slug, for the rare exact words embeddings blur. */
    Map<String, Double> lexicalScores(String query) {
        awaitReady();
        return lexicon.scores(query);
    }

    // ---- start-up --------------------------------------------------------------------------

    /**
     * Seeds the starter articles into an empty knowledge base; then, off the start-up thread (so
     * the application does not wait for the model), embeds what is stale and loads all passages.
     * The first question waits until that is done.
     */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        transactions.executeWithoutResult(s -> {
            if (articles.count() == 0) {
                starterArticles().forEach(articles::save);
            }
        });
        Thread.ofPlatform().daemon().name("support-knowledge").start(() -> {
            try {
                load();
            } catch (RuntimeException e) {
                log.error("Could not load the knowledge base", e);
            } finally {
                ready.countDown();
            }
        });
    }

    private void awaitReady() {
        try {
            if (!ready.await(5, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("The knowledge base is still loading");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the knowledge base loads", e);
        }
    }

    private void load() {
        long started = System.nanoTime();
        transactions.executeWithoutResult(s -> {
            for (HelpArticle article : articles.findAll()) {
                Long stored = jdbc.sql("select min(article_version) from help_article_chunk where article_id = ?")
                        .param(article.getId()).query(Long.class).optional().orElse(null);
                if (stored == null || stored != article.getVersion()) {
                    storePassages(article);
                }
            }
        });
        setPassages(readPassages(null));
        log.info("Knowledge base: {} passages in memory ({} ms)", passages.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The articles shipped with Fleetdesk: {@code support/articles/*.md} with a small front matter. */
    static List<HelpArticle> starterArticles() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:support/articles/*.md");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            List<HelpArticle> out = new ArrayList<>();
            for (Resource file : files) {
                out.add(parse(file.getFilename().replaceFirst("\\.md$", "").replaceFirst("^\\d+-", ""),
                        new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the starter help articles", e);
        }
    }

    static HelpArticle parse(String slug, String text) {
        Map<String, String> front = new HashMap<>();
        String body = text.replace("\r", "");
        if (body.startsWith("---\n")) {
            int end = body.indexOf("\n---\n", 4);
            for (String line : body.substring(4, end).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    front.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
            body = body.substring(end + 5).strip();
        }
        HelpArticle article = new HelpArticle(slug, front.getOrDefault("title", slug), body);
        article.setTags(front.getOrDefault("tags", ""));
        Set<Role> audience = EnumSet.noneOf(Role.class);
        for (String role : front.getOrDefault("audience", "").split(",")) {
            if (!role.isBlank()) {
                audience.add(Role.valueOf(role.strip()));
            }
        }
        article.setAudience(audience);
        return article;
    }

    private void storePassages(HelpArticle article) {
        jdbc.sql("delete from help_article_chunk where article_id = ?").param(article.getId()).update();
        List<String> texts = new ArrayList<>();
        // The title with its tags is a passage of its own: short questions often match it best.
        texts.add(article.getTitle() + (article.getTags().isBlank() ? "" : "\n" + article.getTags()));
        ArticleChunker.chunks(article.getBody()).forEach(c -> texts.add(article.getTitle() + ": " + c));
        for (int i = 0; i < texts.size(); i++) {
            jdbc.sql("insert into help_article_chunk (article_id, ordinal, text, embedding, article_version) values (?, ?, ?, ?, ?)")
                    .params(article.getId(), i, texts.get(i), TextEmbedder.toBytes(embedder.embed(texts.get(i))), article.getVersion())
                    .update();
        }
    }

    private List<Passage> readPassages(Long articleId) {
        return jdbc.sql("""
                        select a.id, a.slug, a.title, a.audience, c.text, c.embedding from help_article_chunk c
                          join help_article a on a.id = c.article_id
                         where (cast(:id as bigint) is null or a.id = :id) order by a.id, c.ordinal
                        """).param("id", articleId)
                .query((rs, i) -> new Passage(rs.getLong(1), rs.getString(2), rs.getString(3), audience(rs.getString(4)),
                        rs.getString(5), TextEmbedder.fromBytes(rs.getBytes(6)))).list();
    }

    private static Set<Role> audience(String csv) {
        return csv == null || csv.isBlank() ? Set.of()
                : Arrays.stream(csv.split(",")).map(String::strip).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
