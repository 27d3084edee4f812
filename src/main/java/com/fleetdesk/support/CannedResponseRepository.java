package com.fleetdesk.support;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface CannedResponseRepository extends JpaRepository<CannedResponse, Long> {

    List<CannedResponse> findAllByOrderByTitle();
}
