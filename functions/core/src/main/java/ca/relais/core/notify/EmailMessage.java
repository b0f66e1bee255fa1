package ca.relais.core.notify;

/**
 * One email to one recipient, rendered: subject without personal information, HTML and text parts.
 */
public record EmailMessage(String to, String subject, String html, String text) {}
