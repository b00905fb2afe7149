package io.ibasho.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock on a file that serialises other JVMs (the operating system's lock) and this JVM's own threads: a JVM may hold
 * a file's lock only once ({@link java.nio.channels.OverlappingFileLockException}), so its threads take turns here
 * first. One JVM starts several lanes' servers at once ({@link SharedServers#startLanes}), and they share the unpacked
 * distributions and the build's Keycloak.
 */
final class FileLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    interface Work<T> {
        T run() throws IOException;
    }

    private FileLocks() {}

    static <T> T holding(Path lockFile, Work<T> work) throws IOException {
        ReentrantLock thisJvm =
                IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), file -> new ReentrantLock());
        thisJvm.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return work.run();
        } finally {
            thisJvm.unlock();
        }
    }
}
