package io.quizplatform.platform.messaging;

import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;

/**
 * Parked records of several partitions, each partition's in its own order, taken one at a time from the partition
 * whose next record comes first: the walk both the listing (newest first) and the replay of what waits (oldest first)
 * make. Each partition's records keep their order, whatever the clocks that stamped them said. The partitions' queues
 * are consumed: what is left in each is what the walk did not take.
 */
final class PartitionMerge<T> {

    private final PriorityQueue<Deque<T>> heads;
    private Deque<T> last;

    PartitionMerge(Collection<Deque<T>> partitions, Comparator<T> first) {
        heads = new PriorityQueue<>(Comparator.comparing(Deque::peekFirst, first));
        partitions.stream().filter(partition -> !partition.isEmpty()).forEach(heads::add);
    }

    boolean hasNext() {
        return !heads.isEmpty();
    }

    T next() {
        last = heads.poll();
        T record = last.pollFirst();
        if (!last.isEmpty()) {
            heads.add(last);
        }
        return record;
    }

    /** The rest of the partition of the record {@link #next} gave last is not taken. */
    void holdLastPartition() {
        heads.remove(last);
    }
}
