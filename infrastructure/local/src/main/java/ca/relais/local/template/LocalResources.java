package ca.relais.local.template;

import static ca.relais.local.template.TemplateValues.describe;
import static ca.relais.local.template.TemplateValues.isIntrinsic;
import static ca.relais.local.template.TemplateValues.list;
import static ca.relais.local.template.TemplateValues.map;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each logical id of a template is on the local emulators, and the resolution of intrinsic
 * functions against it, as CloudFormation would resolve them in a stack named {@value #STACK_NAME}
 * of account {@value #ACCOUNT_ID}.
 *
 * <ul>
 *   <li>{@code Ref}: a table → its name; a queue → its URL; a parameter → its value (the default,
 *       or the value given for it); a function or any other resource → its logical id (the name it
 *       has locally); the pseudo parameters {@code AWS::Region}, {@code AWS::AccountId}, {@code
 *       AWS::StackName}, {@code AWS::StackId}, {@code AWS::Partition}, {@code AWS::URLSuffix} and
 *       {@code AWS::NoValue};
 *   <li>{@code Fn::GetAtt}: a table's {@code Arn} and {@code StreamArn} (the emulator's), a queue's
 *       {@code Arn}, {@code QueueName} and {@code QueueUrl}, a function's {@code Arn};
 *   <li>{@code Fn::Sub} ({@code ${X}}, {@code ${X.Attr}}, {@code ${!Literal}}, and the {@code
 *       [text, variables]} form), {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code
 *       Fn::FindInMap}, {@code Fn::GetAZs}, {@code Fn::Base64}, and {@code Fn::If} on the
 *       template's {@code Conditions} ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code
 *       Fn::Or}, {@code Condition}).
 * </ul>
 *
 * Anything else, or a reference to what does not exist locally, is an {@link
 * IllegalArgumentException} that names the logical id and the expression.
 */
public final class LocalResources {

  /** The account of every ARN, as the emulators report it. */
  public static final String ACCOUNT_ID = "000000000000";

  /** {@code AWS::StackName} locally. */
  public static final String STACK_NAME = "relais-local";

  /** What {@code AWS::NoValue} evaluates to: the property is left out. */
  private static final Object NO_VALUE = new Object();

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

  private final SamTemplate template;
  private final String region;
  private final Map<String, String> tableNames = new LinkedHashMap<>();
  private final Map<String, String> streamArns = new LinkedHashMap<>();
  private final Map<String, String> queueUrls = new LinkedHashMap<>();
  private final Map<String, String> queueArns = new LinkedHashMap<>();
  private final Map<String, Boolean> conditions = new HashMap<>();
  private final Set<String> evaluating = new HashSet<>();

  /**
   * Resources of a template in a region; {@link LocalProvisioner} registers each table and queue as
   * it creates them.
   */
  LocalResources(SamTemplate template, String region) {
    this.template = template;
    this.region = region;
  }

  void table(String logicalId, String name, Optional<String> streamArn) {
    tableNames.put(logicalId, name);
    streamArn.ifPresent(arn -> streamArns.put(logicalId, arn));
  }

  void queue(String logicalId, String url, String arn) {
    queueUrls.put(logicalId, url);
    queueArns.put(logicalId, arn);
  }

  /** The region of every ARN and of {@code AWS::Region}. */
  public String region() {
    return region;
  }

  /** The template these resources were made from (with the parameter values used). */
  public SamTemplate template() {
    return template;
  }

  /** The local name of a provisioned table. */
  public String tableName(String logicalId) {
    return known(tableNames, logicalId, "table");
  }

  /** The URL of a provisioned queue. */
  public String queueUrl(String logicalId) {
    return known(queueUrls, logicalId, "queue");
  }

  /** The ARN of a provisioned queue. */
  public String queueArn(String logicalId) {
    return known(queueArns, logicalId, "queue");
  }

  /** The local name of a provisioned queue ({@code Fn::GetAtt Queue.QueueName}). */
  public String queueName(String logicalId) {
    String arn = queueArn(logicalId);
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  /** The latest stream of a provisioned table, as the emulator reports it. */
  public String streamArn(String tableLogicalId) {
    tableName(tableLogicalId);
    String arn = streamArns.get(tableLogicalId);
    if (arn == null) {
      throw new IllegalArgumentException(
          tableLogicalId + " has no stream (the template gives it no StreamSpecification)");
    }
    return arn;
  }

  /**
   * A function's environment variables, resolved, in template order; a variable whose value is
   * {@code AWS::NoValue} (e.g. from {@code Fn::If}) is left out.
   *
   * @throws IllegalArgumentException naming the function, the variable and the expression
   */
  public Map<String, String> environmentOf(FunctionDef function) {
    Map<String, String> resolved = new LinkedHashMap<>();
    function
        .environment()
        .forEach(
            (name, value) -> {
              Object result;
              try {
                result = evaluate(value);
                if (result instanceof List) {
                  throw new IllegalArgumentException("a list where text is expected");
                }
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    function.logicalId()
                        + " environment variable "
                        + name
                        + " = "
                        + describe(value)
                        + ": "
                        + e.getMessage(),
                    e);
              }
              if (result != NO_VALUE) {
                resolved.put(name, (String) result);
              }
            });
    return Collections.unmodifiableMap(resolved);
  }

  /**
   * A template value as text: scalars as written, intrinsic functions resolved.
   *
   * @throws IllegalArgumentException naming the logical id and the expression that cannot be
   *     resolved locally
   */
  public String resolve(Object value) {
    Object result;
    try {
      result = evaluate(value);
      if (result instanceof List) {
        throw new IllegalArgumentException("a list where text is expected");
      }
      if (result == NO_VALUE) {
        throw new IllegalArgumentException("AWS::NoValue where text is expected");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot resolve " + describe(value) + " locally: " + e.getMessage(), e);
    }
    return (String) result;
  }

  /** Text, a list of values, or {@link #NO_VALUE}. */
  private Object evaluate(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("no value");
    }
    if (value instanceof List<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        Object v = evaluate(item);
        if (v != NO_VALUE) {
          out.add(v);
        }
      }
      return out;
    }
    if (!(value instanceof Map<?, ?>)) {
      return String.valueOf(value);
    }
    if (!isIntrinsic(value)) {
      throw new IllegalArgumentException("a mapping where text is expected: " + value);
    }
    Map.Entry<String, Object> entry = map(value).entrySet().iterator().next();
    Object argument = entry.getValue();
    return switch (entry.getKey()) {
      case "Ref" -> ref(text(argument, "Ref"));
      case "Fn::GetAtt" -> {
        if (argument instanceof String dotted && dotted.indexOf('.') > 0) {
          int dot = dotted.indexOf('.');
          yield getAtt(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        List<Object> parts = arguments(argument, 2, "Fn::GetAtt");
        yield getAtt(text(parts.get(0), "Fn::GetAtt"), text(parts.get(1), "Fn::GetAtt"));
      }
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" -> {
        List<Object> parts = arguments(argument, 2, "Fn::Join");
        String delimiter = text(parts.get(0), "Fn::Join");
        List<String> items = new ArrayList<>();
        for (Object item : listOf(parts.get(1), "Fn::Join")) {
          items.add(text(item, "Fn::Join"));
        }
        yield String.join(delimiter, items);
      }
      case "Fn::Select" -> {
        List<Object> parts = arguments(argument, 2, "Fn::Select");
        String index = text(parts.get(0), "Fn::Select");
        List<Object> items = listOf(parts.get(1), "Fn::Select");
        int i;
        try {
          i = Integer.parseInt(index.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("Fn::Select index '" + index + "' is not a number", e);
        }
        if (i < 0 || i >= items.size()) {
          throw new IllegalArgumentException(
              "Fn::Select index " + i + " is outside the list " + items);
        }
        yield items.get(i);
      }
      case "Fn::Split" -> {
        List<Object> parts = arguments(argument, 2, "Fn::Split");
        String delimiter = text(parts.get(0), "Fn::Split");
        String source = text(parts.get(1), "Fn::Split");
        if (delimiter.isEmpty()) {
          throw new IllegalArgumentException("Fn::Split needs a delimiter");
        }
        yield new ArrayList<Object>(List.of(source.split(Pattern.quote(delimiter), -1)));
      }
      case "Fn::If" -> {
        List<Object> parts = arguments(argument, 3, "Fn::If");
        yield evaluate(condition(text(parts.get(0), "Fn::If")) ? parts.get(1) : parts.get(2));
      }
      case "Fn::FindInMap" -> findInMap(arguments(argument, 3, "Fn::FindInMap"));
      case "Fn::GetAZs" -> {
        String azRegion = text(argument, "Fn::GetAZs");
        String r = azRegion.isEmpty() ? region : azRegion;
        yield new ArrayList<Object>(List.of(r + "a", r + "b", r + "d"));
      }
      case "Fn::Base64" ->
          Base64.getEncoder()
              .encodeToString(text(argument, "Fn::Base64").getBytes(StandardCharsets.UTF_8));
      case "Fn::ImportValue" ->
          throw new IllegalArgumentException(
              "Fn::ImportValue reads another stack's outputs; there is no other stack locally");
      case "Condition" ->
          throw new IllegalArgumentException(
              "Condition " + argument + " is a condition, not a value (use Fn::If)");
      default ->
          throw new IllegalArgumentException(
              entry.getKey() + " is not supported by the local stack");
    };
  }

  /** A value that must evaluate to text. */
  private String text(Object value, String function) {
    Object v = evaluate(value);
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(
        function
            + " needs text, not "
            + (v == NO_VALUE ? "AWS::NoValue" : "the list " + v)
            + " from "
            + describe(value));
  }

  /** A value that must evaluate to a list. */
  @SuppressWarnings("unchecked")
  private List<Object> listOf(Object value, String function) {
    Object v = evaluate(value);
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new IllegalArgumentException(function + " needs a list, not " + describe(value));
  }

  private static List<Object> arguments(Object argument, int count, String function) {
    List<Object> parts = list(argument);
    if (!(argument instanceof List) || parts.size() != count) {
      throw new IllegalArgumentException(
          function + " takes a list of " + count + " arguments, not " + describe(argument));
    }
    return parts;
  }

  private Object ref(String name) {
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return ACCOUNT_ID;
      case "AWS::StackName":
        return STACK_NAME;
      case "AWS::StackId":
        return "arn:aws:cloudformation:"
            + region
            + ":"
            + ACCOUNT_ID
            + ":stack/"
            + STACK_NAME
            + "/00000000-0000-0000-0000-000000000000";
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::NoValue":
        return NO_VALUE;
      case "AWS::NotificationARNs":
        return new ArrayList<>();
      default:
        break;
    }
    ParameterDef parameter = template.parameters().get(name);
    if (parameter != null) {
      String value =
          parameter
              .defaultValue()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "parameter " + name + " has no Default and no value was given"));
      if (parameter.type().equals("CommaDelimitedList") || parameter.type().startsWith("List<")) {
        return new ArrayList<Object>(List.of(value.split(",", -1)));
      }
      return value;
    }
    if (tableNames.containsKey(name)) {
      return tableNames.get(name);
    }
    if (queueUrls.containsKey(name)) {
      return queueUrls.get(name);
    }
    String type = template.resourceType(name);
    if (type == null) {
      throw new IllegalArgumentException(
          name + " is neither a parameter nor a resource of the template");
    }
    requireProvisioned(name, type);
    return name;
  }

  private String getAtt(String logicalId, String attribute) {
    String type = template.resourceType(logicalId);
    if (type == null) {
      throw new IllegalArgumentException(logicalId + " is not a resource of the template");
    }
    requireProvisioned(logicalId, type);
    String unsupported =
        logicalId + " (" + type + ") has no attribute " + attribute + " in the local stack";
    if (tableNames.containsKey(logicalId)) {
      return switch (attribute) {
        case "Arn" ->
            "arn:aws:dynamodb:" + region + ":" + ACCOUNT_ID + ":table/" + tableName(logicalId);
        case "StreamArn" -> streamArn(logicalId);
        default -> throw new IllegalArgumentException(unsupported);
      };
    }
    if (queueUrls.containsKey(logicalId)) {
      return switch (attribute) {
        case "Arn" -> queueArn(logicalId);
        case "QueueName" -> queueName(logicalId);
        case "QueueUrl" -> queueUrl(logicalId);
        default -> throw new IllegalArgumentException(unsupported);
      };
    }
    if (type.equals("AWS::Serverless::Function") && attribute.equals("Arn")) {
      return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + logicalId;
    }
    throw new IllegalArgumentException(unsupported);
  }

  /** A table or queue that the template declares but that was not created (yet). */
  private void requireProvisioned(String logicalId, String type) {
    boolean table =
        type.equals("AWS::DynamoDB::Table") || type.equals("AWS::Serverless::SimpleTable");
    if (table && !tableNames.containsKey(logicalId)
        || type.equals("AWS::SQS::Queue") && !queueUrls.containsKey(logicalId)) {
      throw new IllegalArgumentException(
          logicalId + " (" + type + ") has not been provisioned locally");
    }
  }

  private String sub(Object argument) {
    String text;
    Map<String, Object> variables;
    if (argument instanceof List<?> parts) {
      if (parts.size() != 2
          || !(parts.get(0) instanceof String)
          || !(parts.get(1) instanceof Map)) {
        throw new IllegalArgumentException(
            "Fn::Sub takes text or [text, {variables}], not " + describe(argument));
      }
      text = (String) parts.get(0);
      variables = map(parts.get(1));
    } else if (argument instanceof String s) {
      text = s;
      variables = Map.of();
    } else {
      throw new IllegalArgumentException(
          "Fn::Sub takes text or [text, {variables}], not " + describe(argument));
    }
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(2).trim();
      String value;
      if (!matcher.group(1).isEmpty()) {
        value = "${" + matcher.group(2) + "}"; // ${!Literal} is written as ${Literal}
      } else if (variables.containsKey(name)) {
        value = text(variables.get(name), "Fn::Sub variable " + name);
      } else if (name.startsWith("AWS::") || name.indexOf('.') < 0) {
        value = text(Map.of("Ref", name), "Fn::Sub ${" + name + "}");
      } else {
        int dot = name.indexOf('.');
        value = getAtt(name.substring(0, dot), name.substring(dot + 1));
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private Object findInMap(List<Object> parts) {
    String mapName = text(parts.get(0), "Fn::FindInMap");
    String topKey = text(parts.get(1), "Fn::FindInMap");
    String secondKey = text(parts.get(2), "Fn::FindInMap");
    Map<String, Object> mapping = map(map(template.raw().get("Mappings")).get(mapName));
    if (mapping.isEmpty()) {
      throw new IllegalArgumentException("Fn::FindInMap: no mapping " + mapName + " in Mappings");
    }
    Object value = map(mapping.get(topKey)).get(secondKey);
    if (value == null) {
      throw new IllegalArgumentException(
          "Fn::FindInMap: " + mapName + " has no " + topKey + "." + secondKey);
    }
    return evaluate(value);
  }

  private synchronized boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    Object definition = map(template.raw().get("Conditions")).get(name);
    if (definition == null) {
      throw new IllegalArgumentException(
          "condition " + name + " is not in the template's Conditions");
    }
    if (!evaluating.add(name)) {
      throw new IllegalArgumentException("condition " + name + " depends on itself");
    }
    try {
      boolean value = test(definition, name);
      conditions.put(name, value);
      return value;
    } finally {
      evaluating.remove(name);
    }
  }

  private boolean test(Object expression, String condition) {
    if (expression instanceof Boolean b) {
      return b;
    }
    if (!isIntrinsic(expression)) {
      throw new IllegalArgumentException(
          "condition " + condition + ": " + describe(expression) + " is not a condition function");
    }
    Map.Entry<String, Object> entry = map(expression).entrySet().iterator().next();
    Object argument = entry.getValue();
    return switch (entry.getKey()) {
      case "Condition" -> condition(text(argument, "Condition"));
      case "Fn::Equals" -> {
        List<Object> parts = arguments(argument, 2, "Fn::Equals");
        yield evaluate(parts.get(0)).equals(evaluate(parts.get(1)));
      }
      case "Fn::Not" -> !test(arguments(argument, 1, "Fn::Not").get(0), condition);
      case "Fn::And" -> list(argument).stream().allMatch(c -> test(c, condition));
      case "Fn::Or" -> list(argument).stream().anyMatch(c -> test(c, condition));
      default ->
          throw new IllegalArgumentException(
              "condition " + condition + ": " + entry.getKey() + " is not a condition function");
    };
  }

  private static String known(Map<String, String> values, String logicalId, String what) {
    String value = values.get(logicalId);
    if (value == null) {
      throw new IllegalArgumentException("No local " + what + " for logical id " + logicalId);
    }
    return value;
  }
}
