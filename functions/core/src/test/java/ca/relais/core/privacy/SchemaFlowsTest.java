package ca.relais.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.digest.DigestRenderer;
import ca.relais.core.digest.DigestWeek;
import ca.relais.core.digest.MrcActivity;
import ca.relais.core.model.FieldFlows;
import ca.relais.core.model.FieldSpec;
import ca.relais.core.model.Flow;
import ca.relais.core.model.Language;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.Recipients;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.territory.Region;
import ca.relais.core.testing.SchemaVariants;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derived from the schema: for every attribute and every output (alerts, the confirmation, the
 * digests), changing the attribute alone changes the real rendered email (recipient, subject, HTML,
 * text) iff the schema lets it flow there; and taking a flow away in the schema takes the attribute
 * out of that output.
 */
class SchemaFlowsTest {

  private static final DigestWeek WEEK = new DigestWeek(LocalDate.of(2026, 11, 23));
  private static final RelayAgent AGENT =
      new RelayAgent(Scope.mrc("100"), "anne@example.org", "Anne", Language.FR, AgentRole.PRIMARY);

  /** One output: the flows that let an attribute reach it, and how it renders one submission. */
  private record Output(
      String name,
      Set<Flow> reachedBy,
      Set<SubmissionType> types,
      BiFunction<FieldFlows, Submission, String> render) {}

  private static final List<Output> OUTPUTS =
      List.of(
          new Output(
              "alert",
              EnumSet.of(Flow.ALERT_EMAIL),
              EnumSet.allOf(SubmissionType.class),
              (flows, s) -> {
                EmailRenderer renderer = new EmailRenderer(notice(), flows);
                Recipients to = new Recipients(List.of(AGENT), Scope.Kind.MRC);
                return all(
                    switch (s.type()) {
                      case SIGNUP -> renderer.signUpAlert(s, to, AGENT);
                      case OBSERVATION -> renderer.observationAlert(s, to, AGENT);
                      case REVIEW -> renderer.reviewAlert(s, to, AGENT);
                    });
              }),
          new Output(
              "confirmation",
              EnumSet.of(Flow.CONFIRMATION),
              EnumSet.of(SubmissionType.SIGNUP),
              (flows, s) -> all(new EmailRenderer(notice(), flows).signUpConfirmation(s))),
          new Output(
              "MRC and program digests",
              EnumSet.of(Flow.MRC_DIGEST, Flow.COUNTS),
              EnumSet.allOf(SubmissionType.class),
              (flows, s) -> {
                DigestRenderer renderer = new DigestRenderer(flows);
                MrcActivity activity = activity(s);
                return all(renderer.mrcDigest(activity, AGENT, Map.of()))
                    + all(
                        renderer.programDigest(
                            WEEK, List.of(activity), Map.of("100", false), AGENT, Map.of()));
              }),
          new Output(
              "region roll-up",
              EnumSet.of(Flow.REGION_DIGEST, Flow.COUNTS),
              EnumSet.allOf(SubmissionType.class),
              (flows, s) ->
                  all(
                      new DigestRenderer(flows)
                          .regionDigest(
                              WEEK,
                              new Region("01", "Bas-Saint-Laurent"),
                              List.of(activity(s)),
                              List.of(),
                              AGENT,
                              Map.of()))));

  private final Map<String, UnaryOperator<Submission>> variants = SchemaVariants.variants();

  @Test
  void anAttributeReachesAnOutputIffTheSchemaLetsItFlowThere() {
    FieldFlows declared = FieldFlows.declared();
    for (Output output : OUTPUTS) {
      for (FieldSpec field : SubmissionSchema.fields()) {
        if (!varies(field)) {
          continue;
        }
        boolean allowed = output.reachedBy().stream().anyMatch(field::flowsTo);
        boolean reached = reaches(output, declared, field);
        assertEquals(
            allowed,
            reached,
            field.name()
                + (reached ? " shows in the " : " does not show in the ")
                + output.name()
                + (allowed ? ", which the schema allows" : ", which the schema does not allow"));
      }
    }
  }

  @Test
  void takingAFlowAwayInTheSchemaTakesTheAttributeOutOfThatOutput() {
    int checked = 0;
    for (Output output : OUTPUTS) {
      for (Flow flow : output.reachedBy()) {
        if (flow == Flow.COUNTS) {
          continue; // counts are the roll-up's purpose: no switch hides them
        }
        for (FieldSpec field : SubmissionSchema.fields()) {
          if (!varies(field) || !field.flowsTo(flow) || sendsTheEmail(output, field)) {
            continue;
          }
          Set<Flow> fewer = EnumSet.copyOf(field.flows());
          fewer.remove(flow);
          if (output.reachedBy().stream().anyMatch(fewer::contains)) {
            continue; // still reaches it another way (a count)
          }
          FieldFlows without = FieldFlows.declared().withFlows(field.name(), fewer);
          assertTrue(
              !reaches(output, without, field),
              field.name() + " still shows in the " + output.name() + " without " + flow);
          checked++;
        }
      }
    }
    assertTrue(checked > 30, "checked " + checked);
  }

  /** The confirmation goes to the person's address, in their language, whatever it shows. */
  private static boolean sendsTheEmail(Output output, FieldSpec field) {
    return output.name().equals("confirmation")
        && (field.name().equals("email") || field.name().equals("language"));
  }

  private static boolean varies(FieldSpec field) {
    return !SchemaVariants.SET_BY_THE_STORE.contains(field.name())
        && !field.name().equals(SchemaVariants.TYPE);
  }

  private boolean reaches(Output output, FieldFlows flows, FieldSpec field) {
    UnaryOperator<Submission> variant = variants.get(field.name());
    assertTrue(variant != null, "no variant for " + field.name());
    for (SubmissionType type : output.types()) {
      if (!field.carriedBy(type)) {
        continue;
      }
      for (Submission base : SchemaVariants.bases(type)) {
        if (!output
            .render()
            .apply(flows, base)
            .equals(output.render().apply(flows, variant.apply(base)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static MrcActivity activity(Submission s) {
    return new MrcActivity(
        "100",
        "Rimouski-Neigette",
        WEEK,
        List.of(s),
        List.of(),
        List.of(new MrcActivity.UndeliveredAlert(s, MrcActivity.UndeliveredAlert.Reason.NOT_SENT)));
  }

  private static PrivacyNotice notice() {
    return PrivacyNotice.of(NoticeParameters.templateDefaults());
  }

  private static String all(EmailMessage m) {
    return m.to() + "\n" + m.subject() + "\n" + m.html() + "\n" + m.text();
  }
}
