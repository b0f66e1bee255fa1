package ca.relais.core.model;

import java.util.Optional;
import java.util.Set;

/** A citizen's request to become an éclaireur, validated. */
public record SignUp(
    String firstName,
    String lastName,
    String email,
    Optional<String> phone,
    Territory territory,
    Set<Role> roles,
    Language language,
    Optional<String> availability,
    Optional<String> message)
    implements SubmissionContent {

  public SignUp {
    roles = Set.copyOf(roles);
  }

  @Override
  public SubmissionType type() {
    return SubmissionType.SIGNUP;
  }
}
