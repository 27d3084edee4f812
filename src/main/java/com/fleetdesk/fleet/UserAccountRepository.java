package com.fleetdesk.fleet;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsernameIgnoreCase(String username);

    List<UserAccount> findAllByOrderByUsername();

    @org.springframework.data.jpa.repository.Query("select d.id from UserAccount a join a.depots d where lower(a.username) = lower(:username)")
    List<Long> findDepotIdsByUsername(String username);

    @org.springframework.data.jpa.repository.Query("""
            select distinct a from UserAccount a join a.roles r join a.depots d
             where r = :role and d.id = :depotId and a.enabled = true order by a.username
            """)
    List<UserAccount> findEnabledWithRoleAtDepot(com.fleetdesk.base.security.Role role, Long depotId);
}
