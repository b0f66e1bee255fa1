package ca.relais.core.model;

/** How sensitive a stored attribute of a submission is, as a privacy officer reads it. */
public enum Sensitivity {
  /** Names a person: first and last name, the reporter's name. */
  IDENTITY,
  /** Reaches a person: email address, phone number. */
  CONTACT,
  /** Health-related: the description of a third party's situation, the distress flag. */
  HEALTH,
  /** Free text the person wrote (availability, message, place): may hold anything. */
  FREE_TEXT,
  /** Where: municipality, MRC, region. */
  TERRITORY,
  /** A choice among Relais's own codes: roles, category, language. */
  CHOICE,
  /** The proof of consent: purposes, notice version, time, channel. */
  CONSENT,
  /** Ids, types, times: no information about a person. */
  TECHNICAL;

  /** True for what tells something about a person (everything but technical attributes). */
  public boolean personal() {
    return this != TECHNICAL;
  }
}
