package ca.relais.escalate;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbFollowUps;
import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.aws.dynamodb.DynamoDbSubmissionStore;
import ca.relais.aws.ses.SesMailer;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.core.config.Environment;
import ca.relais.core.followup.EscalationLadder;
import ca.relais.core.followup.EscalationService;
import ca.relais.core.followup.FollowUpSettings;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.privacy.PersonKey;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The escalation schedule (EventBridge Scheduler, {@code rate(1 minute)}): each run sends the
 * untaken reports whose delay ran out to their next level. Any event is accepted (the schedule's
 * input is ignored); the answer is {@code {"escalated":1,"closed":0,"failed":0}}. A report whose
 * emails failed stays due, and the next run tries again.
 */
public final class EscalateHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private final EscalationService escalation;
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public EscalateHandler() {
    this(service(Environment.system()));
  }

  private static EscalationService service(Environment environment) {
    AwsClientSettings aws = AwsClientSettings.forFunction(environment);
    String table = environment.require("TABLE_NAME");
    DynamoDbClient dynamoDb = DynamoDbClients.create(aws);
    return new EscalationService(
        new DynamoDbFollowUps(dynamoDb, table),
        new DynamoDbSubmissionStore(dynamoDb, table, PersonKey.fromEnvironment(environment)),
        new EscalationLadder(
            new DynamoDbRoutingDirectory(
                dynamoDb, table, Clock.systemUTC(), Duration.ofMinutes(1))),
        new EmailRenderer(),
        new SesMailer(
            SesMailer.client(aws),
            environment.require("SENDER_EMAIL"),
            environment.get("REPLY_TO_EMAIL"),
            environment.get("SES_CONFIGURATION_SET")),
        new DynamoDbSentLedger(dynamoDb, table, PersonKey.fromEnvironment(environment)),
        FollowUpSettings.takeLinks(environment),
        FollowUpSettings.delays(environment),
        Clock.systemUTC());
  }

  EscalateHandler(EscalationService escalation) {
    this.escalation = escalation;
    this.priming = SnapStartPriming.register("escalate", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot): one run, its reads signed, not sent (the dry run
   * answers them; nothing is sent or recorded).
   */
  void prime() {
    escalation.run();
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    EscalationService.Result result = escalation.run();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("escalated", result.escalated());
    answer.put("closed", result.closed());
    answer.put("failed", result.failed());
    return answer;
  }
}
