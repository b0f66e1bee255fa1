package ca.relais.local.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a SAM template the local stack acts on: parameters, functions (with Globals
 * applied), DynamoDB tables and SQS queues. Other resources (log groups, alarms, the HTTP API
 * itself) are AWS-only and left alone.
 */
public record SamTemplate(
    Map<String, Optional<String>> parameters,
    Map<String, FunctionDef> functions,
    Map<String, TableDef> tables,
    Map<String, QueueDef> queues,
    Map<String, Object> raw) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static SamTemplate load(Path file) {
    return from(CloudFormationYaml.load(file), Map.of());
  }

  /** A template with some parameters given values (as {@code sam deploy --parameter-overrides}). */
  public static SamTemplate load(Path file, Map<String, String> parameterOverrides) {
    return from(CloudFormationYaml.load(file), parameterOverrides);
  }

  static SamTemplate from(Map<String, Object> raw) {
    return from(raw, Map.of());
  }

  static SamTemplate from(Map<String, Object> raw, Map<String, String> overrides) {
    Map<String, Optional<String>> parameters = new LinkedHashMap<>();
    map(raw.get("Parameters"))
        .forEach(
            (name, def) ->
                parameters.put(
                    name, Optional.ofNullable(map(def).get("Default")).map(String::valueOf)));
    overrides.forEach(
        (name, value) -> {
          if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("The template has no parameter " + name);
          }
          parameters.put(name, Optional.of(value));
        });
    Map<String, Object> globals = map(map(raw.get("Globals")).get("Function"));
    Map<String, FunctionDef> functions = new LinkedHashMap<>();
    Map<String, TableDef> tables = new LinkedHashMap<>();
    Map<String, QueueDef> queues = new LinkedHashMap<>();
    Map<String, Object> resources = map(raw.get("Resources"));
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("The template has no Resources");
    }
    for (Map.Entry<String, Object> resource : resources.entrySet()) {
      String id = resource.getKey();
      Map<String, Object> body = map(resource.getValue());
      Map<String, Object> properties = map(body.get("Properties"));
      switch (String.valueOf(body.get("Type"))) {
        case "AWS::Serverless::Function" ->
            functions.put(id, function(id, properties, globals, parameters));
        case "AWS::DynamoDB::Table" -> tables.put(id, table(id, properties));
        case "AWS::SQS::Queue" -> queues.put(id, queue(id, properties, parameters));
        default -> {
          // AWS-only resources
        }
      }
    }
    return new SamTemplate(parameters, functions, tables, queues, raw);
  }

  private static FunctionDef function(
      String id,
      Map<String, Object> properties,
      Map<String, Object> globals,
      Map<String, Optional<String>> parameters) {
    String handler =
        text(properties.getOrDefault("Handler", globals.get("Handler")), id + ".Handler");
    String handlerClass =
        handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    String method =
        handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.putAll(map(map(globals.get("Environment")).get("Variables")));
    environment.putAll(map(map(properties.get("Environment")).get("Variables")));
    int timeout =
        integer(properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3)), parameters);
    List<EventSourceDef> events = new ArrayList<>();
    for (Map.Entry<String, Object> event : map(properties.get("Events")).entrySet()) {
      Map<String, Object> def = map(event.getValue());
      Map<String, Object> p = map(def.get("Properties"));
      String name = event.getKey();
      switch (String.valueOf(def.get("Type"))) {
        case "HttpApi" ->
            events.add(
                new HttpApiEvent(
                    name,
                    String.valueOf(p.getOrDefault("Method", "ANY"))
                        .toUpperCase(Locale.ROOT)
                        .replace("X-AMAZON-APIGATEWAY-ANY-METHOD", "ANY"),
                    String.valueOf(p.getOrDefault("Path", "/{proxy+}"))));
        case "DynamoDB" ->
            events.add(
                new DynamoDbStreamEvent(
                    name,
                    getAttTarget(p.get("Stream"), id + "." + name + ".Stream"),
                    integer(p.getOrDefault("BatchSize", 100), parameters),
                    String.valueOf(p.getOrDefault("StartingPosition", "LATEST")),
                    responseTypes(p).contains("ReportBatchItemFailures"),
                    integer(p.getOrDefault("MaximumRetryAttempts", -1), parameters),
                    Boolean.parseBoolean(
                        String.valueOf(p.getOrDefault("BisectBatchOnFunctionError", false))),
                    filterPatterns(p),
                    onFailureQueue(p)));
        case "SQS" ->
            events.add(
                new SqsEvent(
                    name,
                    getAttTarget(p.get("Queue"), id + "." + name + ".Queue"),
                    integer(p.getOrDefault("BatchSize", 10), parameters),
                    responseTypes(p).contains("ReportBatchItemFailures")));
        case "ScheduleV2", "Schedule" ->
            events.add(
                new ScheduleEvent(
                    name,
                    text(p.get("ScheduleExpression"), id + "." + name + ".ScheduleExpression"),
                    Optional.ofNullable(p.get("ScheduleExpressionTimezone")).map(String::valueOf),
                    Optional.ofNullable(p.get("Input")).map(String::valueOf)));
        default -> {
          // other event types are not emulated locally
        }
      }
    }
    return new FunctionDef(
        id,
        handlerClass,
        method,
        Optional.ofNullable(properties.getOrDefault("CodeUri", globals.get("CodeUri")))
            .map(String::valueOf),
        timeout,
        environment,
        events);
  }

  private static TableDef table(String id, Map<String, Object> p) {
    List<TableDef.Attribute> attributes = new ArrayList<>();
    for (Object a : list(p.get("AttributeDefinitions"))) {
      attributes.add(
          new TableDef.Attribute(
              text(map(a).get("AttributeName"), id), text(map(a).get("AttributeType"), id)));
    }
    List<TableDef.Index> indexes = new ArrayList<>();
    for (Object i : list(p.get("GlobalSecondaryIndexes"))) {
      Map<String, Object> index = map(i);
      indexes.add(
          new TableDef.Index(
              text(index.get("IndexName"), id),
              keys(index.get("KeySchema"), id),
              String.valueOf(map(index.get("Projection")).getOrDefault("ProjectionType", "ALL"))));
    }
    Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
    return new TableDef(
        id,
        Optional.ofNullable(p.get("TableName"))
            .filter(String.class::isInstance)
            .map(String::valueOf),
        attributes,
        keys(p.get("KeySchema"), id),
        indexes,
        Optional.ofNullable(map(p.get("StreamSpecification")).get("StreamViewType"))
            .map(String::valueOf),
        Boolean.parseBoolean(String.valueOf(ttl.getOrDefault("Enabled", false)))
            ? Optional.ofNullable(ttl.get("AttributeName")).map(String::valueOf)
            : Optional.empty());
  }

  private static QueueDef queue(
      String id, Map<String, Object> p, Map<String, Optional<String>> parameters) {
    Map<String, Object> redrive = map(p.get("RedrivePolicy"));
    return new QueueDef(
        id,
        Optional.ofNullable(p.get("QueueName"))
            .filter(String.class::isInstance)
            .map(String::valueOf),
        Boolean.parseBoolean(String.valueOf(p.getOrDefault("FifoQueue", false))),
        Boolean.parseBoolean(String.valueOf(p.getOrDefault("ContentBasedDeduplication", false))),
        integer(p.getOrDefault("VisibilityTimeout", 30), parameters),
        integer(p.getOrDefault("MessageRetentionPeriod", 345600), parameters),
        redrive.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new QueueDef.Redrive(
                    getAttTarget(redrive.get("deadLetterTargetArn"), id + ".RedrivePolicy"),
                    integer(redrive.getOrDefault("maxReceiveCount", 5), parameters))));
  }

  private static List<String> responseTypes(Map<String, Object> p) {
    return list(p.get("FunctionResponseTypes")).stream().map(String::valueOf).toList();
  }

  private static List<Map<String, Object>> filterPatterns(Map<String, Object> p) {
    List<Map<String, Object>> patterns = new ArrayList<>();
    for (Object filter : list(map(p.get("FilterCriteria")).get("Filters"))) {
      Object pattern = map(filter).get("Pattern");
      try {
        patterns.add(
            pattern instanceof Map<?, ?> m
                ? map(m)
                : map(JSON.readValue(String.valueOf(pattern), Map.class)));
      } catch (Exception e) {
        throw new IllegalArgumentException("FilterCriteria pattern is not JSON: " + pattern, e);
      }
    }
    return patterns;
  }

  private static Optional<String> onFailureQueue(Map<String, Object> p) {
    Object destination =
        map(map(map(p.get("DestinationConfig")).get("OnFailure"))).get("Destination");
    return destination == null
        ? Optional.empty()
        : Optional.of(getAttTarget(destination, "OnFailure.Destination"));
  }

  private static List<TableDef.Key> keys(Object schema, String where) {
    List<TableDef.Key> keys = new ArrayList<>();
    for (Object k : list(schema)) {
      keys.add(
          new TableDef.Key(
              text(map(k).get("AttributeName"), where), text(map(k).get("KeyType"), where)));
    }
    return keys;
  }

  /** The logical id in {@code !GetAtt X.Arn} (or {@code !Ref X}). */
  static String getAttTarget(Object value, String where) {
    Map<String, Object> intrinsic = map(value);
    if (intrinsic.get("Fn::GetAtt") instanceof List<?> parts && !parts.isEmpty()) {
      return String.valueOf(parts.get(0));
    }
    if (intrinsic.get("Ref") != null) {
      return String.valueOf(intrinsic.get("Ref"));
    }
    throw new IllegalArgumentException(where + " must be !GetAtt Resource.Attribute, not " + value);
  }

  /** A number, possibly a {@code !Ref} to a parameter with a default. */
  static int integer(Object value, Map<String, Optional<String>> parameters) {
    Object v = value;
    if (v instanceof Map<?, ?> m && m.get("Ref") != null) {
      String name = String.valueOf(m.get("Ref"));
      v =
          parameters
              .getOrDefault(name, Optional.empty())
              .orElseThrow(
                  () -> new IllegalArgumentException("Parameter " + name + " has no default"));
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a number: " + value);
    }
  }

  private static String text(Object value, String where) {
    if (value == null || value instanceof Map || value instanceof List) {
      throw new IllegalArgumentException(where + " must be plain text in the template");
    }
    return String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
