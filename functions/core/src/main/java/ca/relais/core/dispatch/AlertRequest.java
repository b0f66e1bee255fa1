package ca.relais.core.dispatch;

import ca.relais.core.model.SubmissionType;

/**
 * What goes on the alert queue for one stored submission: ids and codes only, never personal
 * information. The MRC code is the message group: alerts of one MRC stay in order.
 */
public record AlertRequest(String submissionId, SubmissionType type, String mrcCode) {}
