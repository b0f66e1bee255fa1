package ca.relais.local.template;

import static ca.relais.local.template.TemplateValues.describe;
import static ca.relais.local.template.TemplateValues.isIntrinsic;
import static ca.relais.local.template.TemplateValues.list;
import static ca.relais.local.template.TemplateValues.map;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each logical id of a template is on the local emulators, and the resolution of intrinsic
 * functions against it, as CloudFormation would resolve them in a stack named {@value #STACK_NAME}
 * of account {@value #ACCOUNT_ID}.
 *
 * <p>Only what {@code template.yaml} uses:
 *
 * <ul>
 *   <li>{@code Ref}: a table → its name; a queue → its URL; a parameter → its value (the default,
 *       or the value given for it); a function or any other resource → its logical id (the name it
 *       has locally); the pseudo parameters {@code AWS::Region}, {@code AWS::AccountId}, {@code
 *       AWS::StackName}, {@code AWS::Partition} and {@code AWS::URLSuffix};
 *   <li>{@code Fn::GetAtt}: a table's {@code Arn} and {@code StreamArn} (the emulator's), a queue's
 *       {@code Arn}, {@code QueueName} and {@code QueueUrl}, a function's {@code Arn};
 *   <li>{@code Fn::Sub} ({@code ${X}}, {@code ${X.Attr}}, {@code ${!Literal}}, and the {@code
 *       [text, variables]} form);
 *   <li>{@code Fn::If} on a condition of the template's {@code Conditions}, written with {@code
 *       Fn::Equals} and {@code Fn::Not}.
 * </ul>
 *
 * Any other intrinsic function ({@code Fn::Join}, {@code Fn::Select}, {@code Fn::And}, ...), list
 * parameter or pseudo parameter, or a reference to what does not exist locally, is an {@link
 * IllegalArgumentException} that names it and the expression: the local stack never guesses. When
 * the template needs one, add it here with a test.
 */
public final class LocalResources {

  /** The account of every ARN, as the emulators report it. */
  public static final String ACCOUNT_ID = "000000000000";

  /** {@code AWS::StackName} locally. */
  public static final String STACK_NAME = "relais-local";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

  private final SamTemplate template;
  private final String region;
  private final Map<String, String> tableNames = new LinkedHashMap<>();
  private final Map<String, String> streamArns = new LinkedHashMap<>();
  private final Map<String, String> queueUrls = new LinkedHashMap<>();
  private final Map<String, String> queueArns = new LinkedHashMap<>();

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
   * A function's environment variables, resolved, in template order.
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
              resolved.put(name, (String) result);
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
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot resolve " + describe(value) + " locally: " + e.getMessage(), e);
    }
    return (String) result;
  }

  /** Text, or a list of values. */
  private Object evaluate(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("no value");
    }
    if (value instanceof List<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        out.add(evaluate(item));
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
      case "Fn::If" -> {
        List<Object> parts = arguments(argument, 3, "Fn::If");
        yield evaluate(condition(text(parts.get(0), "Fn::If")) ? parts.get(1) : parts.get(2));
      }
      default ->
          throw new IllegalArgumentException(
              entry.getKey()
                  + " is not supported by the local stack: it resolves only what template.yaml"
                  + " uses (Ref, Fn::GetAtt, Fn::Sub, Fn::If)");
    };
  }

  /**
   * A condition of the template's {@code Conditions}, written with {@code Fn::Equals}, {@code
   * Fn::Not} and {@code Condition}; anything else fails naming it.
   */
  private boolean condition(String name) {
    Object definition = map(template.raw().get("Conditions")).get(name);
    if (definition == null) {
      throw new IllegalArgumentException(
          "condition " + name + " is not in the template's Conditions");
    }
    return test(definition, name, 0);
  }

  private boolean test(Object expression, String condition, int depth) {
    if (depth > 16 || !isIntrinsic(expression)) {
      throw new IllegalArgumentException(
          "condition " + condition + ": " + describe(expression) + " is not a condition function");
    }
    Map.Entry<String, Object> entry = map(expression).entrySet().iterator().next();
    Object argument = entry.getValue();
    return switch (entry.getKey()) {
      case "Condition" -> {
        String other = text(argument, "Condition");
        Object definition = map(template.raw().get("Conditions")).get(other);
        if (definition == null) {
          throw new IllegalArgumentException(
              "condition " + other + " is not in the template's Conditions");
        }
        yield test(definition, other, depth + 1);
      }
      case "Fn::Equals" -> {
        List<Object> parts = arguments(argument, 2, "Fn::Equals");
        yield evaluate(parts.get(0)).equals(evaluate(parts.get(1)));
      }
      case "Fn::Not" -> !test(arguments(argument, 1, "Fn::Not").get(0), condition, depth + 1);
      default ->
          throw new IllegalArgumentException(
              "condition "
                  + condition
                  + ": "
                  + entry.getKey()
                  + " is not supported by the local stack (Fn::Equals, Fn::Not, Condition)");
    };
  }

  /** A value that must evaluate to text. */
  private String text(Object value, String function) {
    Object v = evaluate(value);
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(
        function + " needs text, not the list " + v + " from " + describe(value));
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
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      default:
        if (name.startsWith("AWS::")) {
          throw new IllegalArgumentException(
              "the pseudo parameter " + name + " is not supported by the local stack");
        }
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
        throw new IllegalArgumentException(
            "parameter " + name + " is a list (" + parameter.type() + "), not supported locally");
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

  private static String known(Map<String, String> values, String logicalId, String what) {
    String value = values.get(logicalId);
    if (value == null) {
      throw new IllegalArgumentException("No local " + what + " for logical id " + logicalId);
    }
    return value;
  }
}
