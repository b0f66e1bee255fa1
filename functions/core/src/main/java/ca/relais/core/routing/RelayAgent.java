package ca.relais.core.routing;

import ca.relais.core.model.Language;

/** A person of the health network who receives alerts and digests for one scope. */
public record RelayAgent(
    Scope scope, String email, String name, Language language, AgentRole role) {}
