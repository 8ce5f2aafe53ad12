package dev.berth.internal.state;

import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory that holds one Berth's desired state, owned by one store at a time through {@code berth.lock}.
 *
 * <p>Every record is a file replaced atomically: the new content goes to {@code <file>.tmp} and is forced to
 * disk, the current file is hard-linked (or copied) to {@code <file>.bak}, and the temporary file is moved over
 * the current one with {@link StandardCopyOption#ATOMIC_MOVE}. So the current file is always whole (the old or
 * the new content), and {@code .bak} keeps the previous version in case the current file is damaged later.
 * Records are deleted backup first, so a backup never outlives its record.
 *
 * <p>Whatever the directory creates is its owner's only (directories {@code rwx------}, files {@code rw-------}, on
 * file systems with POSIX permissions): records hold task definitions, environment values included.
 */
public final class StateDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateDirectory.class);
    static final String LOCK_FILE = "berth.lock";
    static final String TEMP_SUFFIX = ".tmp";
    static final String BACKUP_SUFFIX = ".bak";
    static final String RECORD_SUFFIX = ".json";
    /** Longest name used as its file name; longer ones, with suffixes, could exceed 255 bytes. */
    private static final int MAX_PLAIN_NAME = 200;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /**
     * Directories locked by this JVM. A second channel must not even open the lock file: on POSIX systems,
     * closing any descriptor of a file drops every lock the process holds on it.
     */
    private static final Set<Path> LOCKED_IN_THIS_JVM = new HashSet<>();

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ContentWriter writer;
    private boolean closed;

    /** Writes a new file's content durably; replaced in tests to simulate a full disk. */
    @FunctionalInterface
    interface ContentWriter {
        /** Creates {@code file} with {@code content} and forces it to disk. */
        void write(Path file, byte[] content) throws IOException;
    }

    private StateDirectory(Path root, FileChannel lockChannel, FileLock lock, ContentWriter writer) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writer = writer;
    }

    /**
     * Opens (creating it if needed) and locks a state directory.
     *
     * @param directory the directory
     * @return the locked directory; close it to release the lock
     * @throws ConflictException if another store, in this or another process, has the directory open
     * @throws BerthException if the directory cannot be created or locked
     */
    public static StateDirectory open(Path directory) {
        return open(directory, StateDirectory::writeDurably);
    }

    static StateDirectory open(Path directory, ContentWriter writer) {
        Path root;
        try {
            createOwnerOnlyDirectories(directory.toAbsolutePath());
            root = directory.toRealPath();
        } catch (IOException e) {
            throw new BerthException("Cannot create the Berth state directory " + directory + ": " + e, e);
        }
        synchronized (LOCKED_IN_THIS_JVM) {
            if (!LOCKED_IN_THIS_JVM.add(root)) {
                throw new ConflictException("The Berth state directory " + root + " is already in use by another"
                        + " Berth in this process (pid " + ProcessHandle.current().pid() + "); close it first, or"
                        + " give each Berth its own state directory.");
            }
        }
        try {
            return lock(root, writer);
        } catch (RuntimeException e) {
            synchronized (LOCKED_IN_THIS_JVM) {
                LOCKED_IN_THIS_JVM.remove(root);
            }
            throw e;
        }
    }

    private static StateDirectory lock(Path root, ContentWriter writer) {
        Path lockFile = root.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), ownerOnly(lockFile, OWNER_ONLY_FILE));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = readOwner(channel).map(pid -> "process " + pid).orElse("another process");
                throw new ConflictException("The Berth state directory " + root + " is in use by " + owner
                        + " (it holds " + lockFile + "); stop that Berth first, or give this one another state"
                        + " directory.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new StateDirectory(root, channel, lock, writer);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BerthException("Cannot lock the Berth state directory " + root + " (" + lockFile + "): " + e,
                    e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Optional<String> readOwner(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(64);
            channel.read(content, 0);
            String text = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).trim();
            return text.startsWith("pid=") ? Optional.of(text.substring("pid=".length())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing a lock file failed: {}", e.toString());
            }
        }
    }

    /** @return the directory, as a real path */
    public Path root() {
        return root;
    }

    /**
     * @param first a path inside the state directory
     * @param more further elements
     * @return the path
     */
    Path resolve(String first, String... more) {
        return root.resolve(Path.of(first, more));
    }

    /**
     * Replaces (or creates) a record file atomically, keeping its previous content as {@code <file>.bak}.
     *
     * @throws BerthException if it cannot be written; the file then keeps its previous content
     * @throws IllegalStateException if the directory is closed
     */
    synchronized void replace(Path file, byte[] content) {
        requireOpen();
        Path temp = sibling(file, TEMP_SUFFIX);
        try {
            createOwnerOnlyDirectories(file.getParent());
            Files.deleteIfExists(temp);
            writer.write(temp, content);
            if (Files.exists(file)) {
                keepBackup(file);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(file.getParent());
        } catch (IOException | UnsupportedOperationException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new BerthException("Cannot write the Berth state file " + file + ": " + e + ". Nothing was"
                    + " changed; it still holds the previous state. Free disk space or fix the directory's"
                    + " permissions and retry.", e);
        }
    }

    /**
     * Deletes a record file and its backup.
     *
     * @throws BerthException if it cannot be deleted
     * @throws IllegalStateException if the directory is closed
     */
    synchronized void delete(Path file) {
        requireOpen();
        try {
            Files.deleteIfExists(sibling(file, BACKUP_SUFFIX));
            Files.deleteIfExists(file);
            forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new BerthException("Cannot delete the Berth state file " + file + ": " + e, e);
        }
    }

    /**
     * Lists the record files directly in a folder of the state directory, deleting temporary files an
     * interrupted write left behind.
     *
     * @param folder a folder of the state directory; need not exist
     * @return its record files (not backups), sorted
     * @throws BerthException if it cannot be listed, or a backup is left without its record
     */
    synchronized List<Path> records(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> all = entries.sorted().toList();
            for (Path entry : all) {
                String name = entry.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(entry);
                } else if (name.endsWith(BACKUP_SUFFIX)) {
                    Path record = entry.resolveSibling(name.substring(0, name.length() - BACKUP_SUFFIX.length()));
                    if (!Files.exists(record)) {
                        throw new BerthException("The Berth state file " + record + " is missing, but its backup "
                                + entry + " exists: Berth refuses to start rather than forget what it held. Copy the"
                                + " backup to " + record + " to restore the record, or delete the backup to drop"
                                + " it.");
                    }
                }
            }
            return all.stream().filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(BACKUP_SUFFIX)
                            && !p.getFileName().toString().endsWith(TEMP_SUFFIX))
                    .toList();
        } catch (IOException e) {
            throw new BerthException("Cannot read the Berth state directory " + folder + ": " + e, e);
        }
    }

    /**
     * Lists the sub-folders of a folder of the state directory.
     *
     * @throws BerthException if it cannot be listed
     */
    List<Path> folders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new BerthException("Cannot read the Berth state directory " + folder + ": " + e, e);
        }
    }

    /**
     * The file name (without {@code .json}) of a record named {@code name} (a cluster, service or family: letters, digits, {@code _} and
     * {@code -}, up to 255). Short lower-case names are used as they are; others get a lower-case prefix and a hash
     * of the exact name, so that names differing only in case stay apart on case-insensitive file systems and no
     * file name exceeds 255 bytes.
     *
     * @return e.g. {@code web}, or {@code myservice~3f2a09c1d4e5b6a7} for {@code MyService}
     */
    static String stem(String name) {
        if (name.length() <= MAX_PLAIN_NAME && name.equals(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            String prefix = name.substring(0, Math.min(name.length(), MAX_PLAIN_NAME / 2)).toLowerCase(Locale.ROOT);
            return prefix + "~" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return the file of the record {@code name} in {@code folder} */
    static Path recordFile(Path folder, String name) {
        return folder.resolve(stem(name) + RECORD_SUFFIX);
    }

    /**
     * A record found in another file than its own would shadow, or be shadowed by, the right one.
     *
     * @throws BerthException if {@code found} is not {@code expected}
     */
    static void requireStoredAt(Path found, Path expected) {
        if (!found.equals(expected)) {
            throw new BerthException("The Berth state file " + found + " holds the record that belongs in " + expected
                    + "; was it renamed by hand? Move it back, or delete it to drop the record.");
        }
    }

    /** @return the backup of a record file, {@code <file>.bak} */
    static Path backupOf(Path file) {
        return sibling(file, BACKUP_SUFFIX);
    }

    /** Releases the lock; the store must not be used afterwards. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Releasing the lock of the state directory failed dir={}: {}", root, e.toString());
        } finally {
            synchronized (LOCKED_IN_THIS_JVM) {
                LOCKED_IN_THIS_JVM.remove(root);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The Berth state directory " + root + " is closed; its Berth was closed.");
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Points {@code <file>.bak} at the current content, without a moment in which the backup is partial. */
    private static void keepBackup(Path file) throws IOException {
        Path backup = sibling(file, BACKUP_SUFFIX);
        Path staging = sibling(backup, TEMP_SUFFIX);
        Files.deleteIfExists(staging);
        try {
            Files.createLink(staging, file);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(file, staging, StandardCopyOption.REPLACE_EXISTING);
            if (isPosix(staging)) {
                Files.setPosixFilePermissions(staging, OWNER_ONLY_FILE);
            }
        }
        Files.move(staging, backup, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly(file, OWNER_ONLY_FILE))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Creates {@code directory} and its missing parents, each new one its owner's only; existing ones stay so. */
    private static void createOwnerOnlyDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            createOwnerOnlyDirectories(parent);
        }
        try {
            Files.createDirectory(directory, ownerOnly(directory, OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    /** @return the attribute giving a new file or directory {@code permissions}, none where POSIX has no say */
    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        return isPosix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Makes a rename durable; file systems that cannot open a directory (Windows) make renames durable anyway. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot force directory dir={}: {}", directory, e.toString());
        }
    }

    @Override
    public String toString() {
        return "StateDirectory[" + root + "]";
    }
}
