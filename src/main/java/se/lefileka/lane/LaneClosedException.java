package se.lefileka.lane;

import se.lefileka.fk.FkClosedException;

/**
 * The lane's gate closed while a call waited its turn (the opening hours ended, a service window
 * began): the call did not start, and goes back on its lane's queue.
 */
public class LaneClosedException extends FkClosedException {

    public LaneClosedException() {
        super("the lane closed before the call could start", null);
    }
}
