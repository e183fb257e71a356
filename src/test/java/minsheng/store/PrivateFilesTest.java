package minsheng.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and its files are owner-only, new or left readable by an earlier version. */
class PrivateFilesTest {
  @TempDir
  Path tmp;

  @Test
  void newDirectoriesAndFilesAreOwnerOnlyWhateverTheUmask() throws Exception {
    Path dir = PrivateFiles.directory(tmp.resolve("a/b/data"));
    Path file = PrivateFiles.file(dir.resolve("minsheng.mv.db"));
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void whatAnEarlierVersionLeftReadableIsTightenedAndKept() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("old"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    Path file = Files.writeString(dir.resolve("minsheng.mv.db"), "residents");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    PrivateFiles.file(PrivateFiles.directory(dir).resolve("minsheng.mv.db"));
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("residents");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
