@org.springframework.modulith.NamedInterface("security")
package com.fleetdesk.base.security;
