@org.springframework.modulith.NamedInterface("demo")
package com.fleetdesk.base.demo;
