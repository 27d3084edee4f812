package com.fleetdesk.support;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface SupportConversationRepository extends JpaRepository<SupportConversation, Long> {

    Optional<SupportConversation> findFirstByCustomerUsernameOrderByIdDesc(String customer);

    List<SupportConversation> findByCustomerUsernameAndStatusInOrderByIdDesc(String customer, Collection<ConversationStatus> statuses);

    List<SupportConversation> findTop10ByCustomerUsernameOrderByIdDesc(String customer);

    @Query("select c from SupportConversation c where c.status in ('WAITING_FOR_AGENT', 'WITH_AGENT') order by c.escalatedAt")
    List<SupportConversation> queue();

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from SupportConversation c where c.id = :id")
    Optional<SupportConversation> lockById(long id);
}
