package io.quizplatform.platform.persistence;

import jakarta.transaction.TransactionScoped;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the code running in one transaction keeps for the rest of it, and no longer: a consumer batch's reads (a
 * game's locked row, its players), the writes it collects to make together at its end (answers, joins). JTA's
 * transaction scope holds it: a new instance for each transaction, dropped when it commits or rolls back, so nothing
 * read or collected in a transaction that failed is seen by its retry.
 */
@TransactionScoped
public class InTransaction implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Not serialised: a transaction's state never outlives it (the scope is passivating by the specification only). */
    private final transient Map<Object, Object> kept = new HashMap<>();

    /**
     * What this transaction keeps under the key, made by {@code create} the first time it is asked for. One key per
     * owner and kind (a class, or a constant of the owner's), so that two owners never share a value by accident.
     */
    @SuppressWarnings("unchecked")
    public <T> T kept(Object key, Supplier<T> create) {
        return (T) kept.computeIfAbsent(key, k -> create.get());
    }
}
