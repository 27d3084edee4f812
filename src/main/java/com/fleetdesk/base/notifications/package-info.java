@org.springframework.modulith.NamedInterface("notifications")
package com.fleetdesk.base.notifications;
