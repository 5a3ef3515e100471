package se.lefileka.query;

/** The outcome of a query, the same for every channel and API version (PRODUCT.md, "Result"). */
public enum ResultStatus {
    OK, NOT_FOUND, PROTECTED, REJECTED, FAILED
}
