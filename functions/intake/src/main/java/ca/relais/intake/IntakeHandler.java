package ca.relais.intake;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbSubmissionStore;
import ca.relais.aws.http.HttpApiEvent;
import ca.relais.aws.http.HttpApiResponse;
import ca.relais.aws.snapstart.RestoredSecureRandom;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.core.config.Environment;
import ca.relais.core.forms.FormConfigs;
import ca.relais.core.forms.FormSecrets;
import ca.relais.core.forms.FormSubmissionService;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.FieldError;
import ca.relais.core.intake.FormFields;
import ca.relais.core.intake.IntakeOutcome;
import ca.relais.core.intake.IntakeRequest;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Language;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.privacy.NoticeParameters;
import ca.relais.core.privacy.PersonKey;
import ca.relais.core.privacy.PrivacyNotice;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /signups}, {@code POST /observations} and the thank-you page {@code GET /merci}.
 * Parses the request, calls {@link IntakeService}, maps the outcome to an HTTP answer. Our own web
 * forms ({@code GET /}, {@code /inscription}, {@code /signalement}) are served by {@link WebForms}.
 */
public final class IntakeHandler implements RequestStreamHandler {

  /**
   * The documented body limit: 32 KiB, far above the largest valid form (a 4,000-character
   * description).
   */
  static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024;

  /**
   * The body limit of webhooks ({@code POST /forms/{formId}}): 1 MiB, what form tools send
   * (Typeform sends the whole form definition with each delivery; Lambda takes 6 MB).
   */
  static final int DEFAULT_MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

  private static final StructuredLogger LOG = StructuredLogger.forComponent(IntakeHandler.class);

  private final IntakeService intake;
  private final int maxBodyBytes;
  private final OnFirstUse<WebForms> webForms;
  private final WebhookRoute forms;
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public IntakeHandler() {
    this(Environment.system());
  }

  private IntakeHandler(Environment environment) {
    // the territory data loads on a thread of its own while the DynamoDB client is built
    this(environment, InitInParallel.start("territory-load", TerritoryDirectory::loadDefault));
  }

  private IntakeHandler(Environment environment, InitInParallel<TerritoryDirectory> territory) {
    // arguments are evaluated left to right: the client is built before the territory is awaited
    this(
        environment,
        DynamoDbClients.create(AwsClientSettings.forFunction(environment)),
        territory.await());
  }

  private IntakeHandler(
      Environment environment, DynamoDbClient dynamoDb, TerritoryDirectory territory) {
    this(
        new IntakeService(
            new SubmissionValidator(
                new TerritoryResolver(
                    territory, new TestTerritoryGate(dynamoDb, environment.require("TABLE_NAME"))),
                Clock.systemUTC()),
            new DynamoDbSubmissionStore(
                dynamoDb,
                environment.require("TABLE_NAME"),
                PersonKey.fromEnvironment(environment)),
            // made anew after each SnapStart restore: ids stay unique across environments
            ReferenceIds.fromBits(RestoredSecureRandom.create()::nextLong),
            new RetentionPolicy(
                Duration.ofDays(environment.intValue("SIGNUP_RETENTION_DAYS", 1095)),
                Duration.ofDays(environment.intValue("OBSERVATION_RETENTION_DAYS", 730)),
                Duration.ofHours(environment.intValue("DUPLICATE_WINDOW_HOURS", 48))),
            Clock.systemUTC(),
            PrivacyNotice.of(NoticeParameters.fromEnvironment(environment))),
        environment.intValue("MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
        // built at the first web-form request or in the SnapStart priming, not on the JSON path
        () ->
            new FormPages(
                territory,
                environment.intValue("SIGNUP_RETENTION_DAYS", 1095),
                environment.intValue("OBSERVATION_RETENTION_DAYS", 730),
                PrivacyNotice.of(NoticeParameters.fromEnvironment(environment))),
        new FormToken(
            environment.require("FORM_TOKEN_SECRET"),
            Clock.systemUTC(),
            Duration.ofMinutes(environment.intValue("FORM_TOKEN_MAX_AGE_MINUTES", 1440)),
            Duration.ofSeconds(environment.intValue("FORM_MIN_FILL_SECONDS", 3))),
        FormSecrets.parse(environment.get("FORM_SECRETS")),
        environment.intValue("MAX_WEBHOOK_BODY_BYTES", DEFAULT_MAX_WEBHOOK_BODY_BYTES));
  }

  /** For tests of the JSON API: the web forms get a random token secret. */
  IntakeHandler(IntakeService intake, int maxBodyBytes) {
    this(intake, maxBodyBytes, FormSecrets.none());
  }

  /** For tests of the webhooks: the web forms get a random token secret. */
  IntakeHandler(IntakeService intake, int maxBodyBytes, FormSecrets formSecrets) {
    this(
        intake,
        maxBodyBytes,
        new FormPages(TerritoryDirectory.loadDefault(), 1095, 730),
        new FormToken(
            randomSecret(), Clock.systemUTC(), Duration.ofHours(24), Duration.ofSeconds(3)),
        formSecrets);
  }

  /** For tests of the web forms: no webhook secret configured. */
  IntakeHandler(IntakeService intake, int maxBodyBytes, FormPages pages, FormToken tokens) {
    this(intake, maxBodyBytes, pages, tokens, FormSecrets.none());
  }

  IntakeHandler(
      IntakeService intake,
      int maxBodyBytes,
      FormPages pages,
      FormToken tokens,
      FormSecrets formSecrets) {
    this(intake, maxBodyBytes, pages, tokens, formSecrets, DEFAULT_MAX_WEBHOOK_BODY_BYTES);
  }

  IntakeHandler(
      IntakeService intake,
      int maxBodyBytes,
      FormPages pages,
      FormToken tokens,
      FormSecrets formSecrets,
      int maxWebhookBodyBytes) {
    this(intake, maxBodyBytes, () -> pages, tokens, formSecrets, maxWebhookBodyBytes);
  }

  /**
   * The pages come from {@code pages} at the first web-form request (or in the SnapStart priming),
   * once: a cold start of the JSON API or a webhook does not build them.
   */
  IntakeHandler(
      IntakeService intake,
      int maxBodyBytes,
      Supplier<FormPages> pages,
      FormToken tokens,
      FormSecrets formSecrets,
      int maxWebhookBodyBytes) {
    this.intake = intake;
    this.maxBodyBytes = maxBodyBytes;
    this.webForms = new OnFirstUse<>(() -> new WebForms(intake, pages.get(), tokens, maxBodyBytes));
    this.forms =
        new WebhookRoute(
            new FormSubmissionService(FormConfigs.classpath(), formSecrets, intake),
            maxWebhookBodyBytes);
    this.priming = SnapStartPriming.register("intake", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot), through this handler: a form page, a valid observation
   * and sign-up (their writes answered by the dry run's loopback, never stored) and an invalid
   * sign-up.
   */
  void prime() throws IOException {
    for (HttpApiEvent request :
        new HttpApiEvent[] {
          PrimingRequests.formPage(),
          PrimingRequests.validObservation(),
          PrimingRequests.validSignup(),
          PrimingRequests.invalidSignup()
        }) {
      // as Lambda calls it: the event's raw JSON in, the answer's JSON out
      handleRequest(PrimingRequests.bytes(request), new ByteArrayOutputStream(), null);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Lambda's entry point: the API Gateway HTTP API event (payload 2.0) as raw JSON in, the answer's
   * JSON out (read and written with the functions' own JSON reader, not the runtime's serializers).
   *
   * @throws IOException when the input is not an HTTP API event (a 5xx at the gateway)
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    handleRequest(HttpApiEvent.read(input), context).write(output);
  }

  /** One request: the route's answer (never throws for a bad request; see the class comment). */
  HttpApiResponse handleRequest(HttpApiEvent event, Context context) {
    HttpRequest request = new HttpRequest(event);
    Language language = request.language();
    return switch (request.route()) {
      case "POST /signups" -> submit(SubmissionType.SIGNUP, request, language);
      case "POST /observations" -> submit(SubmissionType.OBSERVATION, request, language);
      case "GET " + ThankYouPage.PATH -> webForms.get().thanks(request);
      case "GET /" -> webForms.get().landing(request);
      case "GET /inscription" -> webForms.get().show(WebForm.SIGNUP, request);
      case "POST /inscription" -> webForms.get().post(WebForm.SIGNUP, request);
      case "GET /signalement" -> webForms.get().show(WebForm.OBSERVATION, request);
      case "POST /signalement" -> webForms.get().post(WebForm.OBSERVATION, request);
      case WebhookRoute.ROUTE -> forms.handle(request, language);
      default -> HttpResponses.error(404, FieldError.of("path", "route.not_found"), language);
    };
  }

  private HttpApiResponse submit(SubmissionType type, HttpRequest request, Language language) {
    FormFields fields;
    try {
      fields = request.form(maxBodyBytes);
    } catch (BodyRejectedException rejected) {
      return HttpResponses.bodyRejected(rejected, maxBodyBytes, language);
    }
    IntakeOutcome outcome;
    try {
      outcome =
          intake.submit(
              new IntakeRequest(type, fields, request.header("Idempotency-Key"), language));
    } catch (RuntimeException storeFailure) {
      LOG.error("intake.store_failed", storeFailure, "type", type.name());
      return HttpResponses.unavailable(language);
    }
    if (outcome instanceof IntakeOutcome.Accepted accepted) {
      return request.wantsHtml()
          ? HttpResponses.seeOther(ThankYouPage.location(accepted.id(), accepted.language()))
          : HttpResponses.created(accepted.id());
    }
    IntakeOutcome.Rejected rejected = (IntakeOutcome.Rejected) outcome;
    boolean keyProblem =
        rejected.errors().stream().anyMatch(e -> e.field().equals("Idempotency-Key"));
    return HttpResponses.errors(keyProblem ? 422 : 400, rejected.errors(), language);
  }
}
