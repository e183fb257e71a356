package minsheng.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory holds residents' names, addresses, transcripts and the key that seals their ID numbers, so
 * it and the files the service creates in it are the service user's alone (0700 and 0600), whatever the umask.
 * What an earlier version left readable is tightened at start. On a file system without POSIX modes nothing is
 * changed.
 */
public final class PrivateFiles {
  private static final String DIRECTORY = "rwx------";
  private static final String FILE = "rw-------";

  private PrivateFiles() {
  }

  /** Creates the directory (and missing parents) owner-only, or makes an existing one owner-only. */
  public static Path directory(Path dir) {
    try {
      if (!posix(dir.toAbsolutePath().getRoot())) {
        Files.createDirectories(dir);
        return dir;
      }
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIRECTORY)));
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(DIRECTORY));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir.toAbsolutePath()
          + " readable by this user only", e);
    }
  }

  /** Creates an empty owner-only file if there is none, or makes an existing one owner-only. */
  public static Path file(Path file) {
    try {
      if (!posix(file.toAbsolutePath().getRoot())) {
        return file;
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE)));
      } catch (FileAlreadyExistsException e) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(FILE));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + file.toAbsolutePath() + " readable by this user only", e);
    }
  }

  private static boolean posix(Path any) {
    return Files.getFileAttributeView(any, PosixFileAttributeView.class) != null;
  }
}
