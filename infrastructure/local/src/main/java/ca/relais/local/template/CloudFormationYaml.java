package ca.relais.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads CloudFormation / SAM YAML: the short-form tags ({@code !Ref X}, {@code !GetAtt A.B}, {@code
 * !Sub ...}) become their long form ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}...).
 */
public final class CloudFormationYaml {

  private static final List<String> FUNCTIONS =
      List.of(
          "Sub",
          "Join",
          "If",
          "Select",
          "Split",
          "Equals",
          "Not",
          "And",
          "Or",
          "FindInMap",
          "GetAZs",
          "ImportValue",
          "Base64",
          "Cidr",
          "Transform",
          "ToJsonString",
          "Length");

  private CloudFormationYaml() {}

  public static Map<String, Object> load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object root = new Yaml(new Constructor(options)).load(yaml);
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException("A template is a YAML mapping");
    }
    return (Map<String, Object>) root;
  }

  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
      }
    }

    /** {@code !Name value} → {@code {key: value}} for a scalar, sequence or mapping value. */
    private class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          value = constructScalar(scalar);
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        return Map.of(key, value);
      }
    }

    /** {@code !GetAtt A.B} or {@code !GetAtt [A, B]} → {@code {Fn::GetAtt: [A, B]}}. */
    private class GetAtt extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          int dot = text.indexOf('.');
          if (dot < 0) {
            throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, not " + text);
          }
          return Map.of("Fn::GetAtt", List.of(text.substring(0, dot), text.substring(dot + 1)));
        }
        return Map.of("Fn::GetAtt", new ArrayList<>(constructSequence((SequenceNode) node)));
      }
    }
  }
}
