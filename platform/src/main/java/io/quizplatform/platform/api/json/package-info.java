/**
 * Strict JSON input: {@link io.quizplatform.platform.api.json.StrictJsonParser} turns bytes into a plain tree and
 * refuses what the house rules forbid (invalid UTF-8, NUL, unpaired surrogates, duplicate keys, deep nesting, more
 * values than a body may hold, trailing content); {@link io.quizplatform.platform.api.json.StrictBinder} binds that
 * tree onto a record without coercion (no "20" for 20, no 20.5, 20.0, 2E1 or 4294967316 for an int, no unknown
 * fields). Both are plain Java, free of
 * Jakarta REST, so they are unit-tested and fuzzed on their own; {@code StrictJsonReader} puts them in front of
 * every JSON body of every service.
 */
package io.quizplatform.platform.api.json;
