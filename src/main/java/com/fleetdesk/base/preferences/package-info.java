@org.springframework.modulith.NamedInterface("preferences")
package com.fleetdesk.base.preferences;
