package ca.relais.core.followup;

import java.time.Instant;

/**
 * Who took a submission ("pris en charge") and when.
 *
 * @param byName the relay agent's name from the routing directory
 * @param byEmail the relay agent's address
 * @param at when the button was pressed
 */
public record Taken(String byName, String byEmail, Instant at) {}
