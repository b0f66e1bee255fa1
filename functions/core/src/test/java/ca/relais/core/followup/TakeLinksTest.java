package ca.relais.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TakeLinksTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  private static final String ID = "O-20261123-7K3M9Q2X";
  private final TakeLinks links =
      new TakeLinks(SECRET, "https://relais.example.org/", Duration.ofDays(14));

  @Test
  void aLinkNamesTheReportAndTheRecipientKey_neverTheAddress() {
    String url = links.urlFor(ID, "Anne@Example.org", NOW);
    assertTrue(url.startsWith("https://relais.example.org/pris-en-charge?t=" + ID + "."), url);
    assertFalse(url.toLowerCase().contains("anne"), url);
    String token = url.substring(url.indexOf("?t=") + 3);
    TakeLinks.Verification v = links.verify(token, NOW.plus(Duration.ofDays(13)));
    TakeLinks.Verification.Valid valid = assertInstanceOf(TakeLinks.Verification.Valid.class, v);
    assertEquals(ID, valid.submissionId());
    assertEquals(links.recipientKey("anne@example.org"), valid.recipientKey());
  }

  @Test
  void expiredForgedTamperedOrForeignTokensAreRefused() {
    String token = links.token(ID, links.recipientKey("anne@example.org"), NOW);
    assertInstanceOf(
        TakeLinks.Verification.Expired.class, links.verify(token, NOW.plus(Duration.ofDays(14))));
    String otherReport = token.replace(ID, "O-20261123-AAAAAAAA");
    String otherRecipient =
        token.replace(links.recipientKey("anne@example.org"), links.recipientKey("b@x.org"));
    String longer = token.replaceFirst("\\.(\\d+)\\.", ".9$1.");
    String otherKey =
        new TakeLinks("another-secret-0123456789abcdef-xyz", "", Duration.ofDays(14))
            .token(ID, links.recipientKey("anne@example.org"), NOW);
    for (String bad :
        new String[] {otherReport, otherRecipient, longer, otherKey, "", "x", token + "x", null}) {
      assertInstanceOf(TakeLinks.Verification.Invalid.class, links.verify(bad, NOW), bad);
    }
  }
}
