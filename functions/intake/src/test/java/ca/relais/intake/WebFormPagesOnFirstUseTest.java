package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.aws.http.HttpApiEvent;
import ca.relais.core.forms.FormSecrets;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the web-form pages are built at the first web-form request, once, so that a cold start
 * of the JSON API or of a webhook does not pay for them.
 */
class WebFormPagesOnFirstUseTest {

  private static final TerritoryDirectory TERRITORY = TerritoryDirectory.loadDefault();

  private final AtomicInteger built = new AtomicInteger();

  private IntakeHandler handler() {
    Clock clock = Clock.systemUTC();
    SubmissionStore store =
        new SubmissionStore() {
          @Override
          public SubmissionStore.SaveResult save(
              Submission submission, Instant retainUntil, SubmissionStore.DuplicateGuard guard) {
            return new SubmissionStore.SaveResult.Saved(submission.id());
          }

          @Override
          public Optional<Submission> find(String id) {
            return Optional.empty();
          }
        };
    return new IntakeHandler(
        new IntakeService(
            new SubmissionValidator(new TerritoryResolver(TERRITORY), clock),
            store,
            ReferenceIds.secure(),
            RetentionPolicy.defaults(),
            clock),
        IntakeHandler.DEFAULT_MAX_BODY_BYTES,
        () -> {
          built.incrementAndGet();
          return new FormPages(TERRITORY, 1095, 730);
        },
        new FormToken(
            "a-test-secret-of-enough-length-0123456789",
            clock,
            Duration.ofHours(24),
            Duration.ofSeconds(3)),
        FormSecrets.none(),
        IntakeHandler.DEFAULT_MAX_WEBHOOK_BODY_BYTES);
  }

  @Test
  void aJsonApiOrWebhookRequest_buildsNoPage_theFirstWebFormRequestBuildsThemOnce() {
    IntakeHandler handler = handler();
    for (String sample :
        new String[] {
          "intake-post-signup-json.json",
          "intake-post-observation-json.json",
          "intake-post-observation-urlencoded.json",
          "intake-post-form-json.json"
        }) {
      HttpApiEvent event = SampleEvents.load(sample);
      handler.handleRequest(event, null);
    }
    assertEquals(0, built.get(), "pages built on the JSON and webhook paths");

    assertEquals(
        200,
        handler.handleRequest(SampleEvents.load("intake-get-landing.json"), null).getStatusCode());
    assertEquals(
        200,
        handler
            .handleRequest(SampleEvents.load("intake-get-signup-form.json"), null)
            .getStatusCode());
    assertEquals(
        200,
        handler
            .handleRequest(SampleEvents.load("intake-get-observation-form.json"), null)
            .getStatusCode());
    assertEquals(1, built.get(), "pages built once, at the first web-form request");
  }
}
