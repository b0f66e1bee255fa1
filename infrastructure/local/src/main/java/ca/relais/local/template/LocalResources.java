package ca.relais.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each logical id of the template is on the local emulators, and the resolution of intrinsic
 * functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code
 * Fn::Select}, {@code Fn::If}) against them.
 */
public final class LocalResources {

  public static final String ACCOUNT = "000000000000";
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final SamTemplate template;
  private final String region;
  private final Map<String, String> parameters;
  private final Map<String, String> tableNames = new LinkedHashMap<>();
  private final Map<String, String> streamArns = new LinkedHashMap<>();
  private final Map<String, String> queueUrls = new LinkedHashMap<>();
  private final Map<String, String> queueArns = new LinkedHashMap<>();

  LocalResources(SamTemplate template, String region) {
    this.template = template;
    this.region = region;
    this.parameters = new LinkedHashMap<>();
    template.parameters().forEach((name, value) -> value.ifPresent(v -> parameters.put(name, v)));
  }

  void table(String logicalId, String name, Optional<String> streamArn) {
    tableNames.put(logicalId, name);
    streamArn.ifPresent(arn -> streamArns.put(logicalId, arn));
  }

  void queue(String logicalId, String url, String arn) {
    queueUrls.put(logicalId, url);
    queueArns.put(logicalId, arn);
  }

  public String tableName(String logicalId) {
    return known(tableNames, logicalId, "table");
  }

  public String streamArn(String tableLogicalId) {
    return known(streamArns, tableLogicalId, "table stream");
  }

  public String queueUrl(String logicalId) {
    return known(queueUrls, logicalId, "queue");
  }

  public String queueArn(String logicalId) {
    return known(queueArns, logicalId, "queue");
  }

  public String region() {
    return region;
  }

  /** A function's environment variables, resolved. */
  public Map<String, String> environmentOf(FunctionDef function) {
    Map<String, String> resolved = new LinkedHashMap<>();
    function
        .environment()
        .forEach(
            (name, value) -> {
              try {
                resolved.put(name, resolve(value));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    function.logicalId() + " variable " + name + ": " + e.getMessage(), e);
              }
            });
    return resolved;
  }

  /** Resolves a template value to text. */
  public String resolve(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("empty value");
    }
    if (!(value instanceof Map<?, ?> intrinsic)) {
      if (value instanceof List) {
        throw new IllegalArgumentException("a list where text is expected: " + value);
      }
      return String.valueOf(value);
    }
    if (intrinsic.size() != 1) {
      throw new IllegalArgumentException("not an intrinsic function: " + value);
    }
    Map.Entry<?, ?> entry = intrinsic.entrySet().iterator().next();
    String function = String.valueOf(entry.getKey());
    Object argument = entry.getValue();
    return switch (function) {
      case "Ref" -> ref(String.valueOf(argument));
      case "Fn::GetAtt" -> {
        List<Object> parts = SamTemplate.list(argument);
        yield getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
      }
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" -> {
        List<Object> parts = SamTemplate.list(argument);
        StringBuilder out = new StringBuilder();
        List<Object> items = SamTemplate.list(parts.get(1));
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            out.append(parts.get(0));
          }
          out.append(resolve(items.get(i)));
        }
        yield out.toString();
      }
      case "Fn::Select" -> {
        List<Object> parts = SamTemplate.list(argument);
        yield resolve(SamTemplate.list(parts.get(1)).get(Integer.parseInt(resolve(parts.get(0)))));
      }
      case "Fn::If" -> {
        List<Object> parts = SamTemplate.list(argument);
        yield condition(String.valueOf(parts.get(0)))
            ? resolve(parts.get(1))
            : resolve(parts.get(2));
      }
      default ->
          throw new IllegalArgumentException(
              function + " is not supported by the local stack: " + value);
    };
  }

  private String ref(String name) {
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return ACCOUNT;
      case "AWS::StackName":
        return "relais-local";
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::NoValue":
        return "";
      default:
        break;
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    if (tableNames.containsKey(name)) {
      return tableNames.get(name);
    }
    if (queueUrls.containsKey(name)) {
      return queueUrls.get(name);
    }
    if (template.functions().containsKey(name)
        || SamTemplate.map(template.raw().get("Resources")).containsKey(name)) {
      return name;
    }
    throw new IllegalArgumentException(
        "!Ref " + name + ": no such parameter or resource (or a parameter without default)");
  }

  private String getAtt(String logicalId, String attribute) {
    if (tableNames.containsKey(logicalId)) {
      return switch (attribute) {
        case "Arn" ->
            "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + tableNames.get(logicalId);
        case "StreamArn" -> streamArn(logicalId);
        default ->
            throw new IllegalArgumentException(
                "!GetAtt " + logicalId + "." + attribute + " is not supported locally");
      };
    }
    if (queueUrls.containsKey(logicalId)) {
      return switch (attribute) {
        case "Arn" -> queueArns.get(logicalId);
        case "QueueName" ->
            queueArns.get(logicalId).substring(queueArns.get(logicalId).lastIndexOf(':') + 1);
        case "QueueUrl" -> queueUrls.get(logicalId);
        default ->
            throw new IllegalArgumentException(
                "!GetAtt " + logicalId + "." + attribute + " is not supported locally");
      };
    }
    if (template.functions().containsKey(logicalId) && attribute.equals("Arn")) {
      return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + logicalId;
    }
    throw new IllegalArgumentException(
        "!GetAtt " + logicalId + "." + attribute + ": unknown resource");
  }

  private String sub(Object argument) {
    String text;
    Map<String, Object> variables;
    if (argument instanceof List<?> parts) {
      text = String.valueOf(parts.get(0));
      variables = SamTemplate.map(parts.get(1));
    } else {
      text = String.valueOf(argument);
      variables = Map.of();
    }
    Matcher matcher = SUB.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value;
      if (variables.containsKey(name)) {
        value = resolve(variables.get(name));
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        value = getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
      } else {
        value = ref(name);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString().replace("${!", "${");
  }

  private boolean condition(String name) {
    Object definition = SamTemplate.map(template.raw().get("Conditions")).get(name);
    if (definition == null) {
      throw new IllegalArgumentException("unknown condition " + name);
    }
    return evaluate(definition);
  }

  private boolean evaluate(Object expression) {
    Map<String, Object> m = SamTemplate.map(expression);
    if (m.containsKey("Condition")) {
      return condition(String.valueOf(m.get("Condition")));
    }
    List<Object> args = SamTemplate.list(m.values().iterator().next());
    return switch (m.keySet().iterator().next()) {
      case "Fn::Equals" -> resolve(args.get(0)).equals(resolve(args.get(1)));
      case "Fn::Not" -> !evaluate(args.get(0));
      case "Fn::And" -> args.stream().allMatch(this::evaluate);
      case "Fn::Or" -> args.stream().anyMatch(this::evaluate);
      default -> throw new IllegalArgumentException("unsupported condition " + expression);
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
