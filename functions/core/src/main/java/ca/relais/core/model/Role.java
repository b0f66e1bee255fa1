package ca.relais.core.model;

import java.util.Optional;

/** The four roles an éclaireur can choose (the program's four verbs). */
public enum Role {
  /** Promouvoir ce qui crée la santé, prendre soin de soi et des autres. */
  PROMOTE("promote"),
  /** Être porteur d'initiatives dans la communauté. */
  INITIATIVES("initiatives"),
  /** Effectuer de la vigie communautaire. */
  WATCH("watch"),
  /** Offrir un soutien initial. */
  SUPPORT("support");

  private final String code;

  Role(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Role> fromCode(String value) {
    for (Role role : values()) {
      if (role.code.equalsIgnoreCase(value.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
