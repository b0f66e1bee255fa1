package ca.relais.local.template;

import static ca.relais.local.template.TemplateValues.flag;
import static ca.relais.local.template.TemplateValues.integer;
import static ca.relais.local.template.TemplateValues.isIntrinsic;
import static ca.relais.local.template.TemplateValues.list;
import static ca.relais.local.template.TemplateValues.map;
import static ca.relais.local.template.TemplateValues.name;
import static ca.relais.local.template.TemplateValues.target;
import static ca.relais.local.template.TemplateValues.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The parts of a SAM template that the local stack acts on: parameters, functions (with {@code
 * Globals.Function} applied), DynamoDB tables ({@code AWS::DynamoDB::Table}, {@code
 * AWS::Serverless::SimpleTable}) and SQS queues. Other resources (log groups, alarms, the HTTP API,
 * SES...) exist only in AWS; they stay in {@link #raw()}.
 *
 * <p>Properties that must be numbers or flags before anything exists (a queue's {@code
 * VisibilityTimeout}, a function's {@code Timeout}...) may be text or a {@code !Ref} to a
 * parameter, read with the parameter's value. Everything else stays unresolved here; {@link
 * LocalResources} resolves it against the provisioned emulators.
 *
 * @param parameters the template's parameters, in template order
 * @param functions each {@code AWS::Serverless::Function} by logical id, in template order
 * @param tables each table by logical id, in template order
 * @param queues each queue by logical id, in template order
 * @param raw the whole parsed template (long-form intrinsics)
 */
public record SamTemplate(
    Map<String, ParameterDef> parameters,
    Map<String, FunctionDef> functions,
    Map<String, TableDef> tables,
    Map<String, QueueDef> queues,
    Map<String, Object> raw) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private static final String FUNCTION = "AWS::Serverless::Function";
  private static final String TABLE = "AWS::DynamoDB::Table";
  private static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
  private static final String QUEUE = "AWS::SQS::Queue";

  /** Keeps unmodifiable copies, in their order. */
  public SamTemplate {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    raw = Collections.unmodifiableMap(raw);
  }

  /**
   * Reads a template file, with the parameters' defaults.
   *
   * @throws IllegalArgumentException naming the file and the place of what cannot be read
   */
  public static SamTemplate load(Path templateFile) {
    return load(templateFile, Map.of());
  }

  /**
   * Reads a template file, with some parameters given values (as {@code sam deploy
   * --parameter-overrides} does).
   *
   * @throws IllegalArgumentException naming the file and the place of what cannot be read, or a
   *     value given for a parameter that the template does not declare
   */
  public static SamTemplate load(Path templateFile, Map<String, String> parameterValues) {
    Map<String, Object> raw = CloudFormationYaml.load(templateFile);
    try {
      return build(raw, parameters(raw, parameterValues), id -> true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(templateFile + ": " + e.getMessage(), e);
    }
  }

  /** A template from its parsed form ({@link CloudFormationYaml#parse}). */
  public static SamTemplate of(Map<String, Object> raw) {
    return build(raw, parameters(raw, Map.of()), id -> true);
  }

  /**
   * This template with a random value for every {@code NoEcho} parameter that has neither a default
   * nor a given value: the secrets a deployment supplies (such as {@code FormTokenSecret}) get a
   * fresh random value each time the local stack starts, so it runs out of the box and no secret is
   * written anywhere.
   */
  public SamTemplate withLocalSecrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    Map<String, Object> declared = map(raw.get("Parameters"));
    parameters.forEach(
        (name, parameter) -> {
          Object noEcho = map(declared.get(name)).get("NoEcho");
          if (parameter.defaultValue().isEmpty()
              && "true".equalsIgnoreCase(String.valueOf(noEcho))) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            secrets.put(name, java.util.HexFormat.of().formatHex(bytes));
          }
        });
    return secrets.isEmpty() ? this : withParameterValues(secrets);
  }

  /**
   * This template with some parameters given values: each {@link ParameterDef#defaultValue()}
   * becomes the value given, and the functions, tables and queues of this template are read again
   * with them.
   *
   * @throws IllegalArgumentException for a parameter that the template does not declare
   */
  public SamTemplate withParameterValues(Map<String, String> values) {
    if (values.isEmpty()) {
      return this;
    }
    Map<String, ParameterDef> given = new LinkedHashMap<>(parameters);
    values.forEach(
        (name, value) -> {
          ParameterDef parameter = given.get(name);
          if (parameter == null) {
            throw new IllegalArgumentException(
                "The template has no parameter " + name + " (it has " + given.keySet() + ")");
          }
          given.put(name, new ParameterDef(name, parameter.type(), Optional.of(value)));
        });
    return build(
        raw,
        given,
        id -> functions.containsKey(id) || tables.containsKey(id) || queues.containsKey(id));
  }

  /**
   * A function's properties as Lambda gets them: {@code Globals.Function} merged with the
   * function's own (maps merged key by key, lists joined with the Globals' first, any other value
   * the function's own), e.g. {@code Runtime}, {@code MemorySize}, {@code Architectures}.
   *
   * @throws IllegalArgumentException if the logical id is not a function of the template
   */
  public Map<String, Object> functionProperties(String logicalId) {
    if (!FUNCTION.equals(resourceType(logicalId))) {
      throw new IllegalArgumentException(logicalId + " is not an " + FUNCTION + " of the template");
    }
    return withGlobals(raw, resourceProperties(logicalId));
  }

  /** A resource's {@code Properties} as written (empty for an unknown logical id). */
  Map<String, Object> resourceProperties(String logicalId) {
    return map(map(resources(raw).get(logicalId)).get("Properties"));
  }

  /** A resource's {@code Type}, or null for an unknown logical id. */
  String resourceType(String logicalId) {
    Object type = map(resources(raw).get(logicalId)).get("Type");
    return type == null ? null : String.valueOf(type);
  }

  private static Map<String, Object> resources(Map<String, Object> raw) {
    return map(raw.get("Resources"));
  }

  private static Map<String, ParameterDef> parameters(
      Map<String, Object> raw, Map<String, String> values) {
    Map<String, ParameterDef> parameters = new LinkedHashMap<>();
    Object declared = raw.get("Parameters");
    if (declared != null && !(declared instanceof Map)) {
      throw new IllegalArgumentException("Parameters must be a mapping");
    }
    map(declared)
        .forEach(
            (name, def) -> {
              Map<String, Object> body = map(def);
              Object fallback = body.get("Default");
              Optional<String> value =
                  fallback instanceof List<?> items
                      ? Optional.of(String.join(",", items.stream().map(String::valueOf).toList()))
                      : Optional.ofNullable(fallback).map(String::valueOf);
              parameters.put(
                  name,
                  new ParameterDef(
                      name, String.valueOf(body.getOrDefault("Type", "String")), value));
            });
    values.forEach(
        (name, value) -> {
          ParameterDef parameter = parameters.get(name);
          if (parameter == null) {
            throw new IllegalArgumentException(
                "The template has no parameter " + name + " (it has " + parameters.keySet() + ")");
          }
          parameters.put(name, new ParameterDef(name, parameter.type(), Optional.of(value)));
        });
    return parameters;
  }

  private static SamTemplate build(
      Map<String, Object> raw, Map<String, ParameterDef> parameters, Predicate<String> keep) {
    Object declared = raw.get("Resources");
    if (!(declared instanceof Map) || map(declared).isEmpty()) {
      throw new IllegalArgumentException("The template has no Resources");
    }
    Map<String, FunctionDef> functions = new LinkedHashMap<>();
    Map<String, TableDef> tables = new LinkedHashMap<>();
    Map<String, QueueDef> queues = new LinkedHashMap<>();
    for (Map.Entry<String, Object> resource : map(declared).entrySet()) {
      String id = resource.getKey();
      if (!keep.test(id)) {
        continue;
      }
      if (!(resource.getValue() instanceof Map)) {
        throw new IllegalArgumentException("Resources." + id + " must be a mapping");
      }
      Map<String, Object> body = map(resource.getValue());
      Map<String, Object> properties = map(body.get("Properties"));
      String type = String.valueOf(body.get("Type"));
      switch (type) {
        case FUNCTION -> functions.put(id, function(id, withGlobals(raw, properties), parameters));
        case TABLE -> tables.put(id, table(id, properties, parameters));
        case SIMPLE_TABLE -> tables.put(id, simpleTable(id, properties, parameters));
        case QUEUE -> queues.put(id, queue(id, properties, parameters));
        default -> {
          // AWS-only resources: nothing to create or wire locally
        }
      }
    }
    return new SamTemplate(parameters, functions, tables, queues, raw);
  }

  private static Map<String, Object> withGlobals(
      Map<String, Object> raw, Map<String, Object> properties) {
    return map(merge(map(map(raw.get("Globals")).get("Function")), properties));
  }

  /** SAM's Globals rules: maps merge, lists add up (globals first), the resource wins otherwise. */
  private static Object merge(Object global, Object local) {
    if (global == null) {
      return local;
    }
    if (local == null) {
      return global;
    }
    if (global instanceof Map<?, ?> g
        && local instanceof Map<?, ?> l
        && !isIntrinsic(g)
        && !isIntrinsic(l)) {
      Map<String, Object> merged = new LinkedHashMap<>(map(g));
      map(l).forEach((key, value) -> merged.put(key, merge(merged.get(key), value)));
      return merged;
    }
    if (global instanceof List<?> g && local instanceof List<?> l) {
      List<Object> joined = new ArrayList<>(g);
      joined.addAll(l);
      return joined;
    }
    return local;
  }

  private static FunctionDef function(
      String id, Map<String, Object> p, Map<String, ParameterDef> parameters) {
    String handler = text(p.get("Handler"), parameters, id + ".Handler");
    int separator = handler.indexOf("::");
    String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
    String method = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    if (handlerClass.isBlank() || method.isBlank()) {
      throw new IllegalArgumentException(
          id + ".Handler must be package.Class or package.Class::method, not " + handler);
    }
    Map<String, Object> environment =
        new LinkedHashMap<>(map(map(p.get("Environment")).get("Variables")));
    List<EventSourceDef> events = new ArrayList<>();
    for (Map.Entry<String, Object> event : map(p.get("Events")).entrySet()) {
      event(id, event.getKey(), map(event.getValue()), parameters).ifPresent(events::add);
    }
    Object codeUri = p.get("CodeUri");
    return new FunctionDef(
        id,
        handlerClass,
        method,
        codeUri instanceof Map || codeUri instanceof List || codeUri == null
            ? Optional.empty()
            : Optional.of(String.valueOf(codeUri)),
        integer(p.get("Timeout"), 3, parameters, id + ".Timeout"),
        Collections.unmodifiableMap(environment),
        List.copyOf(events));
  }

  private static Optional<EventSourceDef> event(
      String function, String name, Map<String, Object> def, Map<String, ParameterDef> parameters) {
    Map<String, Object> p = map(def.get("Properties"));
    String where = function + ".Events." + name + ".Properties.";
    return switch (String.valueOf(def.get("Type"))) {
      case "HttpApi" -> {
        String method = text(p.get("Method"), "ANY", parameters, where + "Method");
        method = method.toUpperCase(Locale.ROOT);
        if (method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD")) {
          method = "ANY";
        }
        String path = text(p.get("Path"), "/{proxy+}", parameters, where + "Path");
        if (!path.startsWith("/")) {
          throw new IllegalArgumentException(where + "Path must start with /, not " + path);
        }
        yield Optional.of(new HttpApiEvent(name, method, path));
      }
      case "DynamoDB" ->
          Optional.of(
              new DynamoDbStreamEvent(
                  name,
                  target(p.get("Stream"), where + "Stream", "StreamArn"),
                  integer(p.get("BatchSize"), 100, parameters, where + "BatchSize"),
                  text(p.get("StartingPosition"), "LATEST", parameters, where + "StartingPosition"),
                  reportsBatchItemFailures(p),
                  integer(
                      p.get("MaximumRetryAttempts"),
                      -1,
                      parameters,
                      where + "MaximumRetryAttempts"),
                  flag(
                      p.get("BisectBatchOnFunctionError"),
                      false,
                      parameters,
                      where + "BisectBatchOnFunctionError"),
                  filterPatterns(p, where + "FilterCriteria"),
                  integer(
                      p.get("MaximumBatchingWindowInSeconds"),
                      0,
                      parameters,
                      where + "MaximumBatchingWindowInSeconds"),
                  onFailureQueue(p, where + "DestinationConfig.OnFailure.Destination")));
      case "SQS" ->
          Optional.of(
              new SqsEvent(
                  name,
                  target(p.get("Queue"), where + "Queue", "Arn"),
                  integer(p.get("BatchSize"), 10, parameters, where + "BatchSize"),
                  reportsBatchItemFailures(p),
                  integer(
                      p.get("MaximumBatchingWindowInSeconds"),
                      0,
                      parameters,
                      where + "MaximumBatchingWindowInSeconds")));
      case "ScheduleV2" ->
          Optional.of(
              new ScheduleEvent(
                  name,
                  text(p.get("ScheduleExpression"), parameters, where + "ScheduleExpression"),
                  name(p.get("ScheduleExpressionTimezone"), parameters),
                  input(p.get("Input"), where + "Input")));
      case "Schedule" ->
          Optional.of(
              new ScheduleEvent(
                  name,
                  text(p.get("Schedule"), parameters, where + "Schedule"),
                  Optional.empty(),
                  input(p.get("Input"), where + "Input")));
      default -> Optional.empty(); // not emulated locally (Api, S3, SNS...)
    };
  }

  private static boolean reportsBatchItemFailures(Map<String, Object> p) {
    return list(p.get("FunctionResponseTypes")).stream()
        .map(String::valueOf)
        .anyMatch("ReportBatchItemFailures"::equals);
  }

  private static List<Map<String, Object>> filterPatterns(Map<String, Object> p, String where) {
    List<Map<String, Object>> patterns = new ArrayList<>();
    for (Object filter : list(map(p.get("FilterCriteria")).get("Filters"))) {
      Object pattern = map(filter).get("Pattern");
      if (pattern instanceof Map<?, ?> m && !isIntrinsic(m)) {
        patterns.add(map(m));
        continue;
      }
      if (!(pattern instanceof String json)) {
        throw new IllegalArgumentException(
            where + ": each filter needs a Pattern in JSON text, not " + pattern);
      }
      try {
        patterns.add(JSON.readValue(json, new TypeReference<Map<String, Object>>() {}));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            where + ": filter pattern is not a JSON object: " + json, e);
      }
    }
    return List.copyOf(patterns);
  }

  private static Optional<String> onFailureQueue(Map<String, Object> p, String where) {
    Object destination =
        map(map(map(p.get("DestinationConfig")).get("OnFailure"))).get("Destination");
    return destination == null ? Optional.empty() : Optional.of(target(destination, where, "Arn"));
  }

  private static Optional<String> input(Object input, String where) {
    if (input == null) {
      return Optional.empty();
    }
    if (isIntrinsic(input)) {
      throw new IllegalArgumentException(
          where + ": " + TemplateValues.describe(input) + " is not supported; write JSON text");
    }
    if (input instanceof Map || input instanceof List) {
      try {
        return Optional.of(JSON.writeValueAsString(input));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(where + ": cannot be written as JSON", e);
      }
    }
    return Optional.of(String.valueOf(input));
  }

  private static TableDef table(
      String id, Map<String, Object> p, Map<String, ParameterDef> parameters) {
    String where = id + ".Properties.";
    List<AttrDef> attributes = new ArrayList<>();
    for (Object a : list(p.get("AttributeDefinitions"))) {
      attributes.add(
          new AttrDef(
              text(map(a).get("AttributeName"), parameters, where + "AttributeDefinitions"),
              text(map(a).get("AttributeType"), parameters, where + "AttributeDefinitions")));
    }
    List<KeyDef> keys = keys(p.get("KeySchema"), parameters, where + "KeySchema");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(where + "KeySchema is missing");
    }
    List<IndexDef> indexes = new ArrayList<>();
    for (Object i : list(p.get("GlobalSecondaryIndexes"))) {
      Map<String, Object> index = map(i);
      String name = text(index.get("IndexName"), parameters, where + "GlobalSecondaryIndexes");
      indexes.add(
          new IndexDef(
              name,
              keys(index.get("KeySchema"), parameters, where + name + ".KeySchema"),
              text(
                  map(index.get("Projection")).get("ProjectionType"),
                  "ALL",
                  parameters,
                  where + name + ".Projection")));
    }
    Map<String, Object> stream = map(p.get("StreamSpecification"));
    Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
    boolean ttlEnabled =
        flag(ttl.get("Enabled"), false, parameters, where + "TimeToLiveSpecification.Enabled");
    return new TableDef(
        id,
        name(p.get("TableName"), parameters),
        List.copyOf(attributes),
        keys,
        List.copyOf(indexes),
        stream.get("StreamViewType") == null
            ? Optional.empty()
            : Optional.of(
                text(stream.get("StreamViewType"), parameters, where + "StreamSpecification")),
        ttlEnabled
            ? Optional.of(
                text(ttl.get("AttributeName"), parameters, where + "TimeToLiveSpecification"))
            : Optional.empty());
  }

  /** {@code PrimaryKey: {Name: id, Type: String}} (the defaults) becomes a one-attribute key. */
  private static TableDef simpleTable(
      String id, Map<String, Object> p, Map<String, ParameterDef> parameters) {
    Map<String, Object> key = map(p.get("PrimaryKey"));
    String where = id + ".Properties.PrimaryKey";
    String name = text(key.get("Name"), "id", parameters, where + ".Name");
    String type = text(key.get("Type"), "String", parameters, where + ".Type");
    String attributeType =
        switch (type) {
          case "String" -> "S";
          case "Number" -> "N";
          case "Binary" -> "B";
          default ->
              throw new IllegalArgumentException(
                  where + ".Type must be String, Number or Binary, not " + type);
        };
    return new TableDef(
        id,
        name(p.get("TableName"), parameters),
        List.of(new AttrDef(name, attributeType)),
        List.of(new KeyDef(name, "HASH")),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static List<KeyDef> keys(
      Object schema, Map<String, ParameterDef> parameters, String where) {
    List<KeyDef> keys = new ArrayList<>();
    for (Object k : list(schema)) {
      keys.add(
          new KeyDef(
              text(map(k).get("AttributeName"), parameters, where),
              text(map(k).get("KeyType"), parameters, where)));
    }
    return List.copyOf(keys);
  }

  private static QueueDef queue(
      String id, Map<String, Object> p, Map<String, ParameterDef> parameters) {
    String where = id + ".Properties.";
    Optional<Redrive> redrive = Optional.empty();
    Object policy = p.get("RedrivePolicy");
    if (policy instanceof String json) {
      throw new IllegalArgumentException(
          where
              + "RedrivePolicy: write it as a mapping with deadLetterTargetArn: !GetAtt Queue.Arn,"
              + " not JSON text ("
              + json
              + ")");
    }
    if (policy != null) {
      Map<String, Object> redrivePolicy = map(policy);
      Object maxReceiveCount = redrivePolicy.get("maxReceiveCount");
      if (maxReceiveCount == null) {
        throw new IllegalArgumentException(where + "RedrivePolicy.maxReceiveCount is missing");
      }
      redrive =
          Optional.of(
              new Redrive(
                  target(
                      redrivePolicy.get("deadLetterTargetArn"),
                      where + "RedrivePolicy.deadLetterTargetArn",
                      "Arn"),
                  integer(
                      maxReceiveCount, 0, parameters, where + "RedrivePolicy.maxReceiveCount")));
    }
    return new QueueDef(
        id,
        name(p.get("QueueName"), parameters),
        flag(p.get("FifoQueue"), false, parameters, where + "FifoQueue"),
        flag(
            p.get("ContentBasedDeduplication"),
            false,
            parameters,
            where + "ContentBasedDeduplication"),
        integer(p.get("VisibilityTimeout"), 30, parameters, where + "VisibilityTimeout"),
        integer(
            p.get("MessageRetentionPeriod"), 345_600, parameters, where + "MessageRetentionPeriod"),
        redrive);
  }
}
