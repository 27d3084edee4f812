@org.springframework.modulith.NamedInterface("live")
package com.fleetdesk.base.live;
