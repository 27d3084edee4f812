/**
 * Shared plumbing every module builds on: layout, security, live updates across nodes,
 * the embedded database and the demo-data framework.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Base", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.fleetdesk.base;
