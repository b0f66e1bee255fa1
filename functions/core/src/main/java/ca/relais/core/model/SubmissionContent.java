package ca.relais.core.model;

/** What a citizen or an éclaireur sent, validated. */
public sealed interface SubmissionContent permits SignUp, Observation, ReportToReview {

  SubmissionType type();

  Territory territory();

  Language language();
}
