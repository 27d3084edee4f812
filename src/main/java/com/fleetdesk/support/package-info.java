/**
 * Support: the help-article knowledge base (chunked and embedded in-process), the assistant
 * (langchain4j with an LLM when one is configured, deterministic retrieval and tools otherwise),
 * conversations with escalation to human agents, the agent console and the support KPIs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Support")
package com.fleetdesk.support;
