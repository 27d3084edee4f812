package com.fleetdesk.support;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface SupportMessageRepository extends JpaRepository<SupportMessage, Long> {

    List<SupportMessage> findByConversationIdOrderById(long conversationId);
}
