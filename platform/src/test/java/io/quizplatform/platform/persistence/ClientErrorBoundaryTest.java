package io.quizplatform.platform.persistence;

import io.quizplatform.platform.api.ProblemException;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside the transaction, callers get exactly the exception the method threw. */
class ClientErrorBoundaryTest {

    @Test
    void theTransactionInterceptorsWrapperIsDropped() {
        ProblemException clientError = new ProblemException(400, "Bad", "bad request");
        RuntimeException wrapped = new TransactionalException(clientError.getMessage(), new ClientErrorInTransit(clientError));

        assertThat(ClientErrorBoundaryInterceptors.Outer.unwrapped(wrapped)).isSameAs(clientError);
    }

    @Test
    void anyOtherFailureLeavesAsItCame() {
        RuntimeException bug = new IllegalStateException("a bug");
        RuntimeException transactional = new TransactionalException("commit failed", new IllegalStateException("db"));

        assertThat(ClientErrorBoundaryInterceptors.Outer.unwrapped(bug)).isSameAs(bug);
        assertThat(ClientErrorBoundaryInterceptors.Outer.unwrapped(transactional)).isSameAs(transactional);
    }

    @Test
    void theCarrierHasNoStackTraceOfItsOwn() {
        ClientErrorInTransit transit = new ClientErrorInTransit(new ProblemException(404, "Gone", "gone"));

        assertThat(transit.getStackTrace()).isEmpty();
        assertThat(transit.clientError().getMessage()).isEqualTo("gone");
    }
}
