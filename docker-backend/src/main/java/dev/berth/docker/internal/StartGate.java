package dev.berth.docker.internal;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Bounds how many container creations and starts (and per-task network creations) run at once on one engine.
 * Tasks start on as many threads as there are tasks; without a bound a burst of a hundred would queue a hundred
 * requests at a daemon that does a few starts per second per core, and every one of them would wait as long as the
 * slowest. Only the engine calls hold a slot: a task waiting for its dependencies holds none.
 *
 * <p>A waiting {@link Step#START} goes before every waiting {@link Step#CREATE}, each kind first come, first served:
 * what is created is started before more is created. So a burst of tasks comes up one by one instead of creating
 * all its containers first, and the engine's container list (which every observer reads, at a cost per listed
 * container) does not hold a burst's worth of created containers while they wait for their starts.
 *
 * <p>Each waiter waits on a condition of its own, and a freed slot wakes only the one next in line: a burst of a
 * hundred tasks keeps a hundred threads waiting here, and waking them all at every call would cost a hundred
 * wake-ups per engine call.
 */
final class StartGate {

    /** The kind of engine call that wants a slot. */
    enum Step {
        /** Creating a container or a task's network. */
        CREATE,
        /** Starting a created container: goes before any waiting creation. */
        START
    }

    private final int size;
    private final Duration longestWait;
    private final ReentrantLock lock = new ReentrantLock();
    /** The waiters of each kind, in arrival order, each by the condition it waits on. */
    private final Deque<Condition> startsWaiting = new ArrayDeque<>();
    private final Deque<Condition> createsWaiting = new ArrayDeque<>();
    private int busy;

    /**
     * @param size how many calls may run at once, at least 1
     * @param longestWait how long a call may wait for a slot
     */
    StartGate(int size, Duration longestWait) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        this.size = size;
        this.longestWait = longestWait;
    }

    /**
     * @param step what kind of call it is
     * @param what the call, for messages
     * @param call the engine call
     * @return its result
     * @throws BackendUnavailableException (retryable) if no slot freed up within the longest wait
     * @throws BerthException if the thread is interrupted while waiting
     */
    <T> T through(Step step, String what, Supplier<T> call) {
        acquire(step, what);
        try {
            return call.get();
        } finally {
            release();
        }
    }

    /**
     * @param step what kind of call it is
     * @param what the call, for messages
     * @param call the engine call
     * @see #through(Step, String, Supplier)
     */
    void run(Step step, String what, Runnable call) {
        through(step, what, () -> {
            call.run();
            return null;
        });
    }

    private void acquire(Step step, String what) {
        Deque<Condition> queue = step == Step.START ? startsWaiting : createsWaiting;
        long left = longestWait.toNanos();
        lock.lock();
        try {
            Condition turn = lock.newCondition();
            queue.addLast(turn);
            try {
                while (!mayEnter(step, turn)) {
                    if (left <= 0) {
                        throw new BackendUnavailableException("Waited " + longestWait + " to " + what + ": all "
                                + size + " start slots of the engine stayed busy"
                                + " (DockerBackendConfig.maxConcurrentStarts)", true);
                    }
                    left = turn.awaitNanos(left);
                }
                busy++;
            } catch (InterruptedException e) {
                throw Pause.interrupted(e, "a start slot to " + what);
            } finally {
                queue.remove(turn);
                wakeNext(); // another slot may be free, or this waiter held up the ones behind it
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean mayEnter(Step step, Condition turn) {
        if (busy >= size) {
            return false;
        }
        return step == Step.START ? startsWaiting.peekFirst() == turn
                : startsWaiting.isEmpty() && createsWaiting.peekFirst() == turn;
    }

    /** Wakes the waiter that may enter now, if a slot is free: the first start waiting, else the first create. */
    private void wakeNext() {
        if (busy >= size) {
            return;
        }
        Condition next = startsWaiting.isEmpty() ? createsWaiting.peekFirst() : startsWaiting.peekFirst();
        if (next != null) {
            next.signal();
        }
    }

    private void release() {
        lock.lock();
        try {
            busy--;
            wakeNext();
        } finally {
            lock.unlock();
        }
    }
}
