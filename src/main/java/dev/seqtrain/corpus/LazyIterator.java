package dev.seqtrain.corpus;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator that computes its elements on demand, so a partition is streamed, never held in memory. */
abstract class LazyIterator<T> implements Iterator<T> {
    private T next;
    private boolean done;

    /** The next element, or null at the end. */
    protected abstract T computeNext();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = computeNext();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) throw new NoSuchElementException();
        T out = next;
        next = null;
        return out;
    }
}
