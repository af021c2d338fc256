package io.quizplatform.platform.api.json;

import io.quizplatform.platform.api.StrictIds;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/**
 * Binds a tree read by {@link StrictJsonParser} onto a Java type without coercion: a String only from a JSON
 * string, an int or long only from a number written as a whole number within the type's range (so {@code 20.5},
 * {@code 20.0}, {@code 2E1}, {@code "20"}, {@code 1e300} and {@code 4294967316} are refused, never rounded or
 * wrapped), a boolean only from {@code true}/{@code false}, a list or set only from an array, a record (nested ones
 * too) only from an object whose every key is one of its components. An absent field is null, but an absent int,
 * long or boolean is refused as required (as null for one is: never a silent 0 or false); what else to require is
 * left to Bean Validation and the domain. Every mistake is collected with its path, up to
 * {@link #MAX_VIOLATIONS}, then thrown at once as a {@link JsonInputException}.
 */
public final class StrictBinder {

    /**
     * The most mistakes one refusal names: enough to fix a form or a file. Binding stops at the last, so a body of
     * thousands of wrong items costs no more than one of twenty.
     */
    public static final int MAX_VIOLATIONS = 20;

    private StrictBinder() {
    }

    /** Whether {@link #bind} can build this type: a record, or a list or set of records. */
    public static boolean supports(Type type) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            return true;
        }
        if ((raw == List.class || raw == Set.class || raw == Collection.class) && type instanceof ParameterizedType p) {
            return raw(p.getActualTypeArguments()[0]).isRecord();
        }
        return false;
    }

    public static Object bind(Object tree, Type type) {
        List<JsonInputException.Violation> violations = new ArrayList<>();
        Object value = new Binding(violations).value(tree, type, "");
        if (!violations.isEmpty()) {
            throw new JsonInputException(violations);
        }
        return value;
    }

    private record Binding(List<JsonInputException.Violation> violations) {

        /** A placeholder for a value that was refused; binding goes on so every mistake is reported. */
        private static final Object REFUSED = new Object();

        Object value(Object json, Type type, String path) {
            Class<?> raw = raw(type);
            if (json == null) {
                if (raw.isPrimitive()) {
                    return refuse(path, "required", "must not be null");
                }
                return null;
            }
            if (raw == String.class) {
                return json instanceof String s ? s : refuse(path, "text", "must be a string");
            }
            if (raw == int.class || raw == Integer.class) {
                Long n = integral(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
                return n == null ? REFUSED : Integer.valueOf(n.intValue());
            }
            if (raw == long.class || raw == Long.class) {
                Long n = integral(json, path, Long.MIN_VALUE, Long.MAX_VALUE);
                return n == null ? REFUSED : n;
            }
            if (raw == short.class || raw == Short.class) {
                Long n = integral(json, path, Short.MIN_VALUE, Short.MAX_VALUE);
                return n == null ? REFUSED : Short.valueOf(n.shortValue());
            }
            if (raw == double.class || raw == Double.class) {
                BigDecimal d = json instanceof BigInteger n ? new BigDecimal(n) : json instanceof BigDecimal b ? b : null;
                if (d != null && d.abs().compareTo(BigDecimal.valueOf(Double.MAX_VALUE)) <= 0) {
                    return d.doubleValue();
                }
                return refuse(path, "number", "must be a number");
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return json instanceof Boolean b ? b : refuse(path, "boolean", "must be true or false");
            }
            if (raw == UUID.class) {
                Optional<UUID> id = json instanceof String s ? StrictIds.uuid(s) : Optional.empty();
                return id.isPresent() ? id.get() : refuse(path, "uuid", "must be a UUID");
            }
            if (raw.isEnum()) {
                if (json instanceof String s) {
                    for (Object constant : raw.getEnumConstants()) {
                        if (((Enum<?>) constant).name().equals(s)) {
                            return constant;
                        }
                    }
                }
                StringBuilder names = new StringBuilder();
                for (Object constant : raw.getEnumConstants()) {
                    names.append(names.length() == 0 ? "" : ", ").append(((Enum<?>) constant).name());
                }
                return refuse(path, "one-of", "must be one of " + names);
            }
            if (raw == List.class || raw == Collection.class || raw == Set.class) {
                if (!(json instanceof List<?> items)) {
                    return refuse(path, "list", "must be an array");
                }
                Type element = typeArgument(type, 0);
                Collection<Object> out = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    // An item is never optional: a null in a list would reach the domain as a missing element.
                    out.add(items.get(i) == null ? refuse(path + "[" + i + "]", "required", "must not be null")
                            : value(items.get(i), element, path + "[" + i + "]"));
                }
                return raw == Set.class ? Collections.unmodifiableSet((Set<Object>) out)
                        : Collections.unmodifiableList((List<Object>) out);
            }
            if (raw == Map.class) {
                if (!(json instanceof Map<?, ?> members)) {
                    return refuse(path, "object", "must be an object");
                }
                Type valueType = typeArgument(type, 1);
                Map<String, Object> out = new LinkedHashMap<>();
                members.forEach((k, v) -> out.put((String) k, v == null
                        ? refuse(StrictJsonParser.child(path, (String) k), "required", "must not be null")
                        : value(v, valueType, StrictJsonParser.child(path, (String) k))));
                return Collections.unmodifiableMap(out);
            }
            if (raw.isRecord()) {
                if (!(json instanceof Map<?, ?> members)) {
                    return refuse(path, "object", "must be an object");
                }
                return record(raw, members, path);
            }
            throw new IllegalStateException("no strict binding for " + type.getTypeName());
        }

        private Object record(Class<?> type, Map<?, ?> members, String path) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            Set<String> known = new LinkedHashSet<>();
            boolean refused = false;
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                types[i] = component.getType();
                known.add(component.getName());
                Object json = members.get(component.getName());
                if (!members.containsKey(component.getName())) {
                    if (component.getType().isPrimitive()) {
                        // Left out is not 0 or false: a question without points would be worth 0, a quiz with one
                        // setting given would have the other off. Optional values are wrappers (null when left out).
                        refused = true;
                        refuse(StrictJsonParser.child(path, component.getName()), "required", "is required");
                    }
                    args[i] = absent(component.getType());
                    continue;
                }
                Object value = value(json, component.getGenericType(), StrictJsonParser.child(path, component.getName()));
                if (value == REFUSED) {
                    refused = true;
                    args[i] = absent(component.getType());
                } else {
                    args[i] = value;
                }
            }
            for (Object key : members.keySet()) {
                if (!known.contains(key)) {
                    refused = true;
                    refuse(StrictJsonParser.child(path, (String) key), "unknown-field",
                            "is not a known field (expected one of " + String.join(", ", known) + ")");
                }
            }
            if (refused || !violations.isEmpty()) {
                return REFUSED;
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException) {
                    return refuse(StrictJsonParser.field(path), "invalid", "is not valid");
                }
                throw new IllegalStateException("cannot build " + type.getName(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + type.getName(), e);
            }
        }

        /**
         * A whole number within [min, max], or null (refused). Only a number written as a whole number is one:
         * {@code 1.0}, {@code 1000.000}, {@code 2E1} and {@code 1E3} are refused though their values are whole, as the
         * game socket refuses them.
         */
        private Long integral(Object json, String path, long min, long max) {
            if (!(json instanceof BigInteger n) || n.bitLength() > 63 || n.longValue() < min || n.longValue() > max) {
                refuse(path, "integer", "must be an integer from " + min + " to " + max);
                return null;
            }
            return n.longValue();
        }

        private Object refuse(String path, String code, String message) {
            violations.add(new JsonInputException.Violation(StrictJsonParser.field(path), code, message));
            if (violations.size() >= MAX_VIOLATIONS) {
                throw new JsonInputException(violations); // enough to act on: the rest is not even looked at
            }
            return REFUSED;
        }

        private static Object absent(Class<?> type) {
            if (!type.isPrimitive()) {
                return null;
            }
            if (type == boolean.class) {
                return false;
            }
            if (type == long.class) {
                return 0L;
            }
            if (type == double.class) {
                return 0d;
            }
            if (type == short.class) {
                return (short) 0;
            }
            return 0;
        }
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[index];
            if (argument instanceof WildcardType w) {
                return w.getUpperBounds()[0];
            }
            return argument;
        }
        return Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }
}
