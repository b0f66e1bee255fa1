package ca.relais.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads CloudFormation / SAM YAML. The short-form tags become their long form, as CloudFormation
 * reads them: {@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B} is {@code {Fn::GetAtt: [A,
 * B]}} (split on the first dot), {@code !Sub ...} is {@code {Fn::Sub: ...}}, {@code !Condition C}
 * is {@code {Condition: C}}; each tag may carry a scalar, a sequence or a mapping.
 *
 * <p>Safe loading only (no Java types from the document), duplicate keys refused, and unquoted
 * dates ({@code AWSTemplateFormatVersion: 2010-09-09}) kept as text, as CloudFormation does.
 * Mappings keep the order of the file.
 */
public final class CloudFormationYaml {

  /** Tags whose long form is {@code Fn::Name}. */
  private static final List<String> FUNCTIONS =
      List.of(
          "Base64",
          "Cidr",
          "FindInMap",
          "GetAZs",
          "ImportValue",
          "Join",
          "Select",
          "Split",
          "Sub",
          "Transform",
          "If",
          "Equals",
          "Not",
          "And",
          "Or",
          "ToJsonString",
          "Length");

  private CloudFormationYaml() {}

  /**
   * Reads and parses a template file.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a YAML mapping (the message names the file)
   */
  public static Map<String, Object> load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses template text into nested {@link Map}s (in document order), {@link List}s and scalars
   * ({@link String}, {@link Integer}/{@link Long}, {@link Double}, {@link Boolean}).
   *
   * @throws IllegalArgumentException if the text is not YAML, uses an unknown tag, repeats a key,
   *     or is not a mapping
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object root;
    try {
      root = new Yaml(new Constructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("Not a valid CloudFormation YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException(
          "A template is a YAML mapping, not " + (root == null ? "an empty document" : root));
    }
    return (Map<String, Object>) root;
  }

  /** SnakeYAML's safe constructor, plus one construct per CloudFormation tag. */
  private static final class Constructor extends SafeConstructor {

    Constructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
      }
    }

    private Object content(Node node) {
      if (node instanceof ScalarNode scalar) {
        return constructScalar(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        return new ArrayList<>(constructSequence(sequence));
      }
      return constructMapping((MappingNode) node);
    }

    private static Map<String, Object> longForm(String key, Object value) {
      Map<String, Object> intrinsic = new LinkedHashMap<>();
      intrinsic.put(key, value);
      return intrinsic;
    }

    /** {@code !Name value} → {@code {key: value}}, whatever the kind of node. */
    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        return longForm(key, content(node));
      }
    }

    /** {@code !GetAtt A.B.C} → {@code {Fn::GetAtt: [A, B.C]}}; {@code !GetAtt [A, B]} as is. */
    private final class GetAtt extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        Object content = content(node);
        if (content instanceof String text) {
          int dot = text.indexOf('.');
          if (dot <= 0 || dot == text.length() - 1) {
            throw new YAMLException(
                "!GetAtt needs LogicalId.Attribute, not '" + text + "'" + node.getStartMark());
          }
          return longForm(
              "Fn::GetAtt",
              new ArrayList<>(List.of(text.substring(0, dot), text.substring(dot + 1))));
        }
        return longForm("Fn::GetAtt", content);
      }
    }
  }
}
