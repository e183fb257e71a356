package minsheng.build;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Prints one line with the test count at the end of {@code mvn verify}, which is otherwise silent under {@code -q}
 * on success, and fails the build when no test ran at all (a suite that silently stops running is worse than a
 * red one). Surefire reports failures itself, at error level, before this runs.
 */
public final class TestSummary {

  public static void main(String[] args) throws Exception {
    Path reports = Path.of(args.length > 0 ? args[0] : "target/surefire-reports");
    Totals totals = read(reports);
    System.out.println(totals.line());
    if (totals.run == 0) {
      throw new IllegalStateException("No tests ran: nothing found in " + reports.toAbsolutePath()
          + " (was the suite skipped, or did test discovery break?)");
    }
    if (totals.failed + totals.errors > 0) {
      throw new IllegalStateException(totals.failed + totals.errors + " test(s) failed: " + totals.failures);
    }
  }

  static Totals read(Path reports) throws Exception {
    return read(reports, ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  /** @param buildStartedMillis exec:java runs inside Maven's JVM, so that JVM's start is the build's start */
  static Totals read(Path reports, long buildStartedMillis) throws Exception {
    Totals totals = new Totals();
    if (!Files.isDirectory(reports)) return totals;
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-*.xml")) {
      for (Path file : files) {
        // Reports left from an earlier build (say, before a -Dtest=... run) are not this build's tests.
        if (Files.getLastModifiedTime(file).toMillis() < buildStartedMillis) continue;
        Element suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        totals.run += count(suite, "tests");
        totals.failed += count(suite, "failures");
        totals.errors += count(suite, "errors");
        totals.skipped += count(suite, "skipped");
        String time = suite.getAttribute("time").replace(",", "");
        totals.seconds += time.isEmpty() ? 0 : Double.parseDouble(time);
        if (count(suite, "failures") + count(suite, "errors") > 0) totals.failures.add(suite.getAttribute("name"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read test reports in " + reports, e);
    }
    return totals;
  }

  private static int count(Element suite, String attribute) {
    String value = suite.getAttribute(attribute);
    return value.isEmpty() ? 0 : Integer.parseInt(value);
  }

  static final class Totals {
    int run, failed, errors, skipped;
    double seconds;
    final List<String> failures = new ArrayList<>();

    String line() {
      int passed = run - failed - errors - skipped;
      return String.format("Tests run: %d — %d passed, %d failed, %d errors, %d skipped (%.0f s in tests)",
          run, passed, failed, errors, skipped, seconds);
    }
  }
}
