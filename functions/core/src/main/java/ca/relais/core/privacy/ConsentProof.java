package ca.relais.core.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a person agreed to, kept with their submission as proof: the purposes (empty for an
 * observation, which records only that the notice was shown), the version and SHA-256 of the
 * notice's text, when, and through which channel ({@code api}, {@code web-form}, {@code
 * form:{formId}}). A withdrawal keeps the proof and adds its time.
 */
public record ConsentProof(
    List<String> purposes,
    String noticeVersion,
    String noticeHash,
    Instant at,
    String channel,
    Optional<Instant> withdrawnAt) {

  /** The purposes a sign-up agrees to. */
  public static final List<String> SIGNUP_PURPOSES =
      List.of("network-membership", "relay-team-contact");

  public ConsentProof {
    purposes = List.copyOf(purposes);
  }

  /** The proof of a sign-up's consent (purposes agreed) or of an observation's notice shown. */
  public static ConsentProof given(
      List<String> purposes, PrivacyNotice notice, Instant at, String channel) {
    return new ConsentProof(
        purposes, notice.version(), notice.hash(), at, channel, Optional.empty());
  }

  public ConsentProof withdrawn(Instant at) {
    return new ConsentProof(purposes, noticeVersion, noticeHash, this.at, channel, Optional.of(at));
  }
}
