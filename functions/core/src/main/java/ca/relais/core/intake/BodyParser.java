package ca.relais.core.intake;

import ca.relais.core.intake.BodyRejectedException.Reason;
import ca.relais.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.AbstractRequestContext;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;

/**
 * Reads a request body in any of the three encodings a form arrives in: {@code application/json},
 * {@code application/x-www-form-urlencoded} and {@code multipart/form-data}. In multipart bodies,
 * file parts (a {@code filename} parameter, even {@code filename=""} from an empty file input) are
 * skipped: Relais takes text answers only.
 */
public final class BodyParser {

  /** A form is flat: deeper JSON is refused before it is read. */
  private static final int MAX_NESTING_DEPTH = 8;

  private BodyParser() {}

  /**
   * Parses a body.
   *
   * @param contentType the {@code Content-Type} header, with its parameters
   * @param body the raw bytes (already base64-decoded)
   */
  public static FormFields parse(String contentType, byte[] body) throws BodyRejectedException {
    String mediaType = mediaType(contentType);
    return switch (mediaType) {
      case "application/json" -> parseJson(body);
      case "application/x-www-form-urlencoded" -> parseUrlEncoded(body, charset(contentType));
      case "multipart/form-data" -> parseMultipart(contentType, body);
      default -> throw new BodyRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
    };
  }

  /**
   * The media type alone, lowercase: {@code multipart/form-data; boundary=x} → {@code
   * multipart/form-data}.
   */
  static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private static Charset charset(String contentType) throws BodyRejectedException {
    for (String parameter : contentType.split(";")) {
      String p = parameter.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).replace("\"", "").trim();
        try {
          return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          throw new BodyRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static FormFields parseJson(byte[] body) throws BodyRejectedException {
    if (Json.isBlank(body)) {
      // no value at all: not an object of fields (the answer it always had), not unreadable
      throw new BodyRejectedException(Reason.NOT_A_FORM);
    }
    Object root;
    try {
      root = Json.readStrict(body, MAX_NESTING_DEPTH);
    } catch (IOException e) {
      throw new BodyRejectedException(Reason.MALFORMED);
    }
    if (!(root instanceof Map)) {
      throw new BodyRejectedException(Reason.NOT_A_FORM);
    }
    FormFields.Builder fields = FormFields.builder();
    for (Map.Entry<String, Object> entry : Json.members(root)) {
      String name = entry.getKey();
      Object value = entry.getValue();
      if (value instanceof List<?> items) {
        fields.addPresent(name);
        for (Object item : items) {
          if (!Json.isScalar(item)) {
            throw new BodyRejectedException(Reason.NOT_A_FORM, name);
          }
          fields.add(name, Json.text(item));
        }
      } else if (value == null) {
        fields.addPresent(name);
      } else if (Json.isScalar(value)) {
        fields.add(name, Json.text(value));
      } else {
        throw new BodyRejectedException(Reason.NOT_A_FORM, name);
      }
    }
    return fields.build();
  }

  private static FormFields parseUrlEncoded(byte[] body, Charset charset)
      throws BodyRejectedException {
    String text = decodeStrictly(body, charset);
    FormFields.Builder fields = FormFields.builder();
    if (text.isBlank()) {
      return fields.build();
    }
    try {
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
        fields.add(name, value);
      }
    } catch (IllegalArgumentException badPercentEscape) {
      throw new BodyRejectedException(Reason.MALFORMED);
    }
    return fields.build();
  }

  private static String decodeStrictly(byte[] body, Charset charset) throws BodyRejectedException {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BodyRejectedException(Reason.MALFORMED);
    }
  }

  private static FormFields parseMultipart(String contentType, byte[] body)
      throws BodyRejectedException {
    FormFields.Builder fields = FormFields.builder();
    try {
      FileItemInputIterator parts =
          new InMemoryUpload().getItemIterator(new BytesRequestContext(contentType, body));
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        if (!part.isFormField()) {
          // A file part (it has a filename, "" for an empty file input): no Relais form and no
          // form mapping reads a file, so it is skipped, unread, whatever it holds.
          continue;
        }
        try (InputStream in = part.getInputStream()) {
          fields.add(part.getFieldName(), decodeStrictly(in.readAllBytes(), partCharset(part)));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new BodyRejectedException(Reason.MALFORMED);
    }
    return fields.build();
  }

  private static Charset partCharset(FileItemInput part) throws BodyRejectedException {
    String type = part.getContentType();
    return type == null ? StandardCharsets.UTF_8 : charset(type);
  }

  /** A multipart reader that streams parts from memory; nothing is written to disk. */
  private static final class InMemoryUpload
      extends AbstractFileUpload<byte[], DiskFileItem, DiskFileItemFactory> {

    @Override
    public FileItemInputIterator getItemIterator(byte[] request) {
      throw new UnsupportedOperationException("use getItemIterator(RequestContext)");
    }

    @Override
    public Map<String, java.util.List<DiskFileItem>> parseParameterMap(byte[] request) {
      throw new UnsupportedOperationException("use getItemIterator(RequestContext)");
    }

    @Override
    public java.util.List<DiskFileItem> parseRequest(byte[] request) {
      throw new UnsupportedOperationException("use getItemIterator(RequestContext)");
    }
  }

  private static final class BytesRequestContext extends AbstractRequestContext<byte[]> {
    private final String contentType;
    private final byte[] body;

    BytesRequestContext(String contentType, byte[] body) {
      super(name -> null, () -> (long) body.length, body);
      this.contentType = contentType;
      this.body = body;
    }

    @Override
    public String getCharacterEncoding() {
      return StandardCharsets.UTF_8.name();
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(body);
    }
  }
}
