package ca.relais.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.emulator.SesInbox.Attachment;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import ca.relais.local.emulator.SesInbox.Header;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store JSON of aws-ses-v2-local 2.10.2, as captured from a SES v2 SendEmail, mapped. */
class SesInboxTest {

  private static final String STORE =
      """
      {"templates":{},"emails":[{"messageId":"ses-385445931","from":"Relais <noreply@relais.test>",
      "replyTo":["r@x.test"],"destination":{"to":["a@x.test","b@x.test"],"cc":["c@x.test"],
      "bcc":["d@x.test"]},"subject":"Bonjour é","body":{"html":"<p>h</p>","text":"txt"},
      "attachments":[{"content":"aGVsbG8=","contentType":"text/plain","filename":"a.txt","size":5}],
      "headers":[{"name":"X-Test","value":"1"}],"at":1795420597},
      {"messageId":"ses-2","from":"n@x.test","replyTo":[],"destination":{"to":["a@x.test"],
      "cc":[],"bcc":[]},"subject":"s","body":{"text":"only text"},"attachments":[],"at":1795420598}]}
      """;

  @Test
  void everyFieldOfTheStoreIsMapped() {
    List<CapturedEmail> emails = SesInbox.parse(STORE);
    assertEquals(2, emails.size());
    assertEquals(
        new CapturedEmail(
            "ses-385445931",
            "Relais <noreply@relais.test>",
            List.of("a@x.test", "b@x.test"),
            List.of("c@x.test"),
            List.of("d@x.test"),
            List.of("r@x.test"),
            "Bonjour é",
            "<p>h</p>",
            "txt",
            List.of(new Header("X-Test", "1")),
            List.of(new Attachment("a.txt", "text/plain", 5, "aGVsbG8=")),
            Instant.ofEpochSecond(1795420597)),
        emails.get(0));
  }

  @Test
  void absentBodiesAreEmptyAndAbsentListsAreEmpty() {
    CapturedEmail email = SesInbox.parse(STORE).get(1);
    assertEquals("", email.html());
    assertEquals("only text", email.text());
    assertTrue(email.headers().isEmpty());
    assertTrue(email.cc().isEmpty());
  }

  @Test
  void anEmptyStoreHasNoEmails() {
    assertTrue(SesInbox.parse("{\"templates\":{},\"emails\":[]}").isEmpty());
  }
}
