package minsheng.http;

/** A request the service refuses, with the status and a machine-readable code; mapped to JSON by {@link Failures}. */
public final class HttpProblem extends RuntimeException {
  private final int status;
  private final String code;

  public HttpProblem(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static HttpProblem badRequest(String code, String message) {
    return new HttpProblem(400, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
