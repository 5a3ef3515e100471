package se.lefileka.query;

/** An answer the bundle writes, which FK (or the built-in sandbox in its place) may or may not have given. */
public interface FkAnswer {

    /** Whether FK gave it, rather than the bundle without FK's answer (rejected before any call, or failed). */
    boolean answeredByFk();
}
