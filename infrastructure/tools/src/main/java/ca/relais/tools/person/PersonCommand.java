package ca.relais.tools.person;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbKeyCheck;
import ca.relais.aws.dynamodb.DynamoDbPersonRecords;
import ca.relais.aws.dynamodb.DynamoDbPrivacyRegister;
import ca.relais.core.config.Environment;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.privacy.PersonKey;
import ca.relais.core.privacy.PersonRecords;
import ca.relais.core.privacy.PersonRights;
import ca.relais.core.privacy.PrivacyRegister;
import ca.relais.tools.ToolEnvironment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code person find|export|rectify|erase|withdraw (--email ADDRESS | --id ID)} and {@code person
 * register [--since DATE]}: a person's rights over what Relais holds, through the person index.
 *
 * <p>Options: {@code --set ATTRIBUTE=VALUE} (rectify), {@code --out FILE} (export; standard output
 * otherwise), {@code --operator NAME} (the register's "who"; the system user otherwise), {@code
 * --table NAME} ({@code TABLE_NAME} otherwise), {@code --endpoint-url URL} (the local stack's
 * DynamoDB; {@code AWS_ENDPOINT_URL} otherwise), {@code --region} ({@code AWS_REGION}, else
 * ca-central-1). The person key's secret comes from {@code PERSON_KEY_SECRET} (the template's
 * {@code PersonKeySecret}), credentials as the functions take them; a key whose check differs from
 * the one the functions stored in the table is refused (exit 2, nothing read or written) rather
 * than finding nobody. Every action writes one entry in the register. Output is JSON.
 */
public final class PersonCommand {

  private static final List<String> ACTIONS =
      List.of("find", "export", "rectify", "erase", "withdraw", "register");

  /** The command's usage lines. */
  public static final String USAGE =
      "person find|export|rectify|erase|withdraw (--email ADDRESS | --id ID) [--table T]"
          + " [--endpoint-url URL] [--region R] [--operator NAME] [--out FILE] [--set A=V]\n"
          + "person register [--since DATE] [--table T] [--endpoint-url URL]";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PersonCommand() {}

  /** Runs one action; 0 done, 1 failed, 2 wrong usage (nothing read or written). */
  public static int run(String[] args, Environment environment, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    if (args.length == 0 || !ACTIONS.contains(args[0])) {
      err.println("usage: person " + String.join("|", ACTIONS) + " (--email ADDRESS | --id ID)");
      return 2;
    }
    String action = args[0];
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        err.println("each option takes a value: " + args[i]);
        return 2;
      }
      options.put(args[i].substring(2), args[++i]);
    }
    Optional<PersonRights.Subject> subject = subject(options);
    if (!action.equals("register") && subject.isEmpty()) {
      err.println("person " + action + " needs --email ADDRESS or --id ID (one of them)");
      return 2;
    }
    if (options.containsKey("email")
        && !ca.relais.core.intake.EmailAddresses.isValid(options.get("email").strip())) {
      // intake stores no other address: anything else would answer "no records" for sure (a
      // pasted comma or bracket included)
      err.println(
          "--email takes an email address as intake accepts them (name@domain.tld), not "
              + "a list, a name or brackets");
      return 2;
    }
    if (options.containsKey("id") && !ReferenceIds.looksLikeId(normalisedId(options.get("id")))) {
      // Relais gives no other id: anything else would answer "no records" for sure
      err.println(
          "--id takes a reference id as Relais gives them (O-20261123-7K3M9Q2X: S, O or R, the"
              + " day, eight characters), not a list or part of one");
      return 2;
    }
    Optional<Path> exportFile = Optional.ofNullable(options.get("out")).map(Path::of);
    if (action.equals("export") && exportFile.isPresent()) {
      Path file = exportFile.get().toAbsolutePath();
      if (Files.exists(file)) {
        // an export is never written over another file (an earlier export, say)
        err.println("--out " + options.get("out") + " already exists: give a new file name");
        return 2;
      }
      if (!Files.isDirectory(file.getParent()) || !Files.isWritable(file.getParent())) {
        // refused before anything is read or registered
        err.println("--out " + options.get("out") + ": its folder does not exist or is read-only");
        return 2;
      }
    }
    if (action.equals("rectify") && !options.getOrDefault("set", "").contains("=")) {
      err.println(
          "person rectify needs --set ATTRIBUTE=VALUE, ATTRIBUTE one of "
              + PersonRights.rectifiable());
      return 2;
    }
    Environment merged = withOptions(environment, options);
    Optional<String> table =
        Optional.ofNullable(options.get("table")).or(() -> merged.get("TABLE_NAME"));
    if (table.isEmpty()) {
      err.println("give the table with --table NAME or TABLE_NAME");
      return 2;
    }
    PersonKey key;
    try {
      key = PersonKey.fromEnvironment(merged);
    } catch (RuntimeException e) {
      err.println("PERSON_KEY_SECRET must hold the deployment's PersonKeySecret (32+ characters)");
      return 2;
    }
    String operator = options.getOrDefault("operator", System.getProperty("user.name", "unknown"));
    try (DynamoDbClient dynamoDb = DynamoDbClients.create(AwsClientSettings.forOperator(merged))) {
      if (!action.equals("register")) {
        Optional<String> deployed = new DynamoDbKeyCheck(dynamoDb, table.get()).stored();
        if (deployed.isPresent() && !deployed.get().equals(key.check())) {
          err.println(
              "PERSON_KEY_SECRET does not match the deployment's key (the PersonKeySecret the"
                  + " functions use): with it no person can be found. Nothing was read or written.");
          return 2;
        }
        if (deployed.isEmpty()) {
          err.println(
              "note: the table holds no key check yet (no submission saved since this version was"
                  + " deployed): PERSON_KEY_SECRET cannot be confirmed");
        }
      }
      PersonRights rights =
          new PersonRights(
              new DynamoDbPersonRecords(dynamoDb, table.get(), key),
              new DynamoDbPrivacyRegister(dynamoDb, table.get()),
              key,
              Clock.systemUTC());
      Object result = perform(action, subject, options, rights, operator);
      String json = JSON.writeValueAsString(result);
      if (action.equals("export") && exportFile.isPresent()) {
        Files.writeString(
            exportFile.get(), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        out.println("{\"written\": " + JSON.writeValueAsString(options.get("out")) + "}");
      } else {
        out.println(json);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("could not write the export: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("person " + action + " failed: " + e.getClass().getSimpleName());
      return 1;
    }
  }

  private static Object perform(
      String action,
      Optional<PersonRights.Subject> subject,
      Map<String, String> options,
      PersonRights rights,
      String operator) {
    return switch (action) {
      case "find" ->
          rights.find(subject.orElseThrow(), operator).stream()
              .map(PersonCommand::summary)
              .toList();
      case "export" -> rights.export(subject.orElseThrow(), operator);
      case "erase" -> {
        PersonRights.Erasure erasure = rights.erase(subject.orElseThrow(), operator);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("erasedSubmissions", erasure.submissions());
        answer.put("deletedItems", erasure.items());
        answer.put("notReachable", erasure.notReachable());
        yield answer;
      }
      case "rectify" -> {
        String set = options.get("set");
        int at = set.indexOf('=');
        yield Map.of(
            "rectified",
            rights.rectify(
                subject.orElseThrow(), set.substring(0, at), set.substring(at + 1), operator));
      }
      case "withdraw" -> Map.of("withdrawn", rights.withdraw(subject.orElseThrow(), operator));
      case "register" -> {
        Instant since =
            Optional.ofNullable(options.get("since"))
                .map(d -> LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant())
                .orElse(Instant.now().minus(Duration.ofDays(365)));
        yield rights.register(since, Instant.now().plusSeconds(1)).stream()
            .map(PersonCommand::entry)
            .toList();
      }
      default -> throw new IllegalArgumentException("unknown action " + action);
    };
  }

  private static Map<String, Object> summary(PersonRecords.PersonRecord record) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("id", record.id());
    summary.put("type", record.type().name());
    summary.put("receivedAt", record.attributes().get("receivedAt"));
    summary.put("mrcCode", record.attributes().get("mrcCode"));
    summary.put("expiresAt", record.attributes().get("expiresAt"));
    summary.put("emails", record.emails().size());
    return summary;
  }

  private static Map<String, Object> entry(PrivacyRegister.Entry entry) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("at", entry.at().toString());
    map.put("operator", entry.operator());
    map.put("action", entry.action());
    map.put("subject", entry.subject());
    map.put("records", entry.records());
    return map;
  }

  private static Optional<PersonRights.Subject> subject(Map<String, String> options) {
    boolean email = options.containsKey("email");
    boolean id = options.containsKey("id");
    if (email == id) {
      return Optional.empty();
    }
    return Optional.of(
        email
            ? new PersonRights.ByEmail(options.get("email"))
            : new PersonRights.ById(normalisedId(options.get("id"))));
  }

  /** An id as pasted: surrounding spaces and letter case do not matter (ids are upper case). */
  private static String normalisedId(String id) {
    return id.strip().toUpperCase(Locale.ROOT);
  }

  /** The environment with {@code --endpoint-url} and {@code --region} laid over it. */
  private static Environment withOptions(Environment environment, Map<String, String> options) {
    return ToolEnvironment.of(
        environment,
        Optional.ofNullable(options.get("endpoint-url")),
        Optional.ofNullable(options.get("region")));
  }
}
