package ca.relais.core.intake;

import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import java.time.Duration;

/**
 * How long records are kept and how long a repeat counts as a duplicate. Records past their
 * retention are deleted by the table's TTL.
 */
public record RetentionPolicy(Duration signUp, Duration observation, Duration duplicateWindow) {

  /**
   * The retention the {@link SubmissionSchema} declares (sign-ups 3 years, observations 2 years),
   * duplicates recognised for 48 hours.
   */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(
        SubmissionSchema.retentionOf(SubmissionType.SIGNUP),
        SubmissionSchema.retentionOf(SubmissionType.OBSERVATION),
        Duration.ofHours(48));
  }

  public Duration retentionOf(SubmissionType type) {
    return type == SubmissionType.SIGNUP ? signUp : observation;
  }
}
