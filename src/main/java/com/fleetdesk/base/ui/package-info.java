@org.springframework.modulith.NamedInterface("ui")
package com.fleetdesk.base.ui;
