package dev.seqtrain.store;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/** A class that records whether any of its code ran: constructed, or read by Java deserialization. */
public final class Tripwire implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static volatile boolean ran;

    public Tripwire() {
        ran = true;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        ran = true;
        in.defaultReadObject();
    }
}
