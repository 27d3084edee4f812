package com.fleetdesk.base.notifications;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

interface UserNotificationRepository extends JpaRepository<UserNotification, Long> {

    List<UserNotification> findByUsernameOrderByCreatedAtDescIdDesc(String username, Pageable page);

    long countByUsernameAndReadAtIsNull(String username);

    @Modifying
    @Query("update UserNotification n set n.readAt = :now where n.username = :username and n.readAt is null")
    int markAllRead(String username, Instant now);
}
