@org.springframework.modulith.NamedInterface("domain")
package com.fleetdesk.base.domain;
