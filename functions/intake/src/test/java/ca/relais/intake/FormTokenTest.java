package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.relais.intake.FormToken.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormTokenTest {

  private static final String SECRET = "a-test-secret-of-more-than-32-characters";
  private static final Instant SHOWN = Instant.parse("2026-11-23T13:00:00Z");

  private static FormToken at(Instant now) {
    return at(now, SECRET);
  }

  private static FormToken at(Instant now, String secret) {
    return new FormToken(
        secret, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(2), Duration.ofSeconds(3));
  }

  private static final String TOKEN = at(SHOWN).issue(WebForm.SIGNUP);

  @Test
  void aTokenPostedAfterTheMinimumFillTimeAndBeforeTwoHoursIsValid() {
    assertEquals(Check.VALID, at(SHOWN.plusSeconds(3)).verify(WebForm.SIGNUP, Optional.of(TOKEN)));
    assertEquals(
        Check.VALID,
        at(SHOWN.plus(Duration.ofHours(2))).verify(WebForm.SIGNUP, Optional.of(TOKEN)));
  }

  @Test
  void aTokenOlderThanTwoHoursIsExpired() {
    assertEquals(
        Check.EXPIRED,
        at(SHOWN.plus(Duration.ofHours(2)).plusSeconds(1))
            .verify(WebForm.SIGNUP, Optional.of(TOKEN)));
  }

  @Test
  void aPostFasterThanTheMinimumFillTimeIsTooFast() {
    assertEquals(Check.TOO_FAST, at(SHOWN).verify(WebForm.SIGNUP, Optional.of(TOKEN)));
    assertEquals(
        Check.TOO_FAST, at(SHOWN.plusMillis(2999)).verify(WebForm.SIGNUP, Optional.of(TOKEN)));
  }

  @Test
  void aMissingOrBlankTokenIsMissing() {
    FormToken tokens = at(SHOWN.plusSeconds(60));
    assertEquals(Check.MISSING, tokens.verify(WebForm.SIGNUP, Optional.empty()));
    assertEquals(Check.MISSING, tokens.verify(WebForm.SIGNUP, Optional.of("  ")));
  }

  @Test
  void aTokenOfAnotherForm_anotherSecret_aChangedTime_orGarbageIsForged() {
    FormToken tokens = at(SHOWN.plusSeconds(60));
    assertEquals(Check.FORGED, tokens.verify(WebForm.OBSERVATION, Optional.of(TOKEN)));
    String otherSecret =
        at(SHOWN, "another-secret-of-more-than-32-characters").issue(WebForm.SIGNUP);
    assertNotEquals(TOKEN, otherSecret);
    assertEquals(Check.FORGED, tokens.verify(WebForm.SIGNUP, Optional.of(otherSecret)));
    String[] parts = TOKEN.split("\\.");
    String olderTime = parts[0] + "." + (Long.parseLong(parts[1]) - 10_000) + "." + parts[2];
    assertEquals(Check.FORGED, tokens.verify(WebForm.SIGNUP, Optional.of(olderTime)));
    String flipped = TOKEN.substring(0, TOKEN.length() - 1) + (TOKEN.endsWith("A") ? "B" : "A");
    assertEquals(Check.FORGED, tokens.verify(WebForm.SIGNUP, Optional.of(flipped)));
    for (String garbage :
        new String[] {"x", "v1.abc.def", "v2." + parts[1] + "." + parts[2], "v1..", "v1.1.2.3"}) {
      assertEquals(Check.FORGED, tokens.verify(WebForm.SIGNUP, Optional.of(garbage)), garbage);
    }
  }

  @Test
  void aTokenIssuedInTheFutureIsForged() {
    String future = at(SHOWN.plus(Duration.ofMinutes(5))).issue(WebForm.SIGNUP);
    assertEquals(Check.FORGED, at(SHOWN).verify(WebForm.SIGNUP, Optional.of(future)));
  }

  @Test
  void aShortSecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> at(SHOWN, "short"));
  }
}
