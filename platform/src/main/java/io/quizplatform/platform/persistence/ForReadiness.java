package io.quizplatform.platform.persistence;

import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The service's database as the readiness check asks it: a data source of its own with a one-connection pool
 * ({@code jdbc/<service>DbProbe} in server.xml). On the requests' pool, the check's long-lived thread kept
 * one of their connections bound to itself for good, so requests had one fewer than {@code DB_POOL_MAX}.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface ForReadiness {
}
