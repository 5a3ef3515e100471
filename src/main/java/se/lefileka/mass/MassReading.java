package se.lefileka.mass;

/**
 * The reading of one batch's input, carried through the split of its rows (an exchange property
 * every group of rows shares): the format, and how many rows, rejected rows, groups and chunks
 * were read so far. Reading the same input again numbers rows and chunks the same way.
 */
public final class MassReading {

    private final MassBatch batch;
    private final MassRowFormat format;
    private final boolean alreadyRead;
    private int rows;
    private int rejected;
    private int groups;
    private int chunks;

    MassReading(MassBatch batch, MassRowFormat format, boolean alreadyRead) {
        this.batch = batch;
        this.format = format;
        this.alreadyRead = alreadyRead;
    }

    public MassBatch batch() {
        return batch;
    }

    MassRowFormat format() {
        return format;
    }

    /** The input was read to its end before (the bundle stopped before it could archive it). */
    public boolean isAlreadyRead() {
        return alreadyRead;
    }

    int nextRow() {
        return ++rows;
    }

    void rejected(int count) {
        rejected += count;
    }

    int nextGroup() {
        return ++groups;
    }

    int nextChunk() {
        return ++chunks;
    }

    public int rows() {
        return rows;
    }

    public int rejected() {
        return rejected;
    }

    public int chunks() {
        return chunks;
    }
}
