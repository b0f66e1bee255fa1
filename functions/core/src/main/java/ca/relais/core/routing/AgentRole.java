package ca.relais.core.routing;

import java.util.Locale;
import java.util.Optional;

/** Whether a relay agent is the first one responsible for a scope, or the backup. */
public enum AgentRole {
  PRIMARY,
  BACKUP;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AgentRole> fromCode(String value) {
    for (AgentRole role : values()) {
      if (role.code().equalsIgnoreCase(value.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
