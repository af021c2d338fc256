package io.quizplatform.answer.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed answers to a question, counted the way the answer key matches them: "Marianas", "MARIANAS" and
 * " marianas! " are one answer ({@link AnswerKey#normalize}). Each group is shown in its most common spelling (on a
 * tie, the first in alphabetical order), the most frequent groups first.
 */
public final class TypedAnswerTally {

    /** One group of equivalent answers: its most common spelling and how many players typed one of them. */
    public record Entry(String text, int count) {
    }

    private final Map<String, Map<String, Integer>> spellingsByAnswer = new LinkedHashMap<>();

    public void add(String typed) {
        if (typed == null || typed.isBlank()) {
            return;
        }
        spellingsByAnswer.computeIfAbsent(AnswerKey.normalize(typed), k -> new HashMap<>())
                .merge(typed.strip(), 1, Integer::sum);
    }

    /** The {@code limit} most frequent answers, most frequent first (ties in alphabetical order of the spelling). */
    public List<Entry> top(int limit) {
        List<Entry> entries = new ArrayList<>();
        for (Map<String, Integer> spellings : spellingsByAnswer.values()) {
            String shown = spellings.entrySet().stream()
                    .min(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey();
            entries.add(new Entry(shown, spellings.values().stream().mapToInt(Integer::intValue).sum()));
        }
        return entries.stream()
                .sorted(Comparator.comparingInt(Entry::count).reversed().thenComparing(Entry::text))
                .limit(limit)
                .toList();
    }
}
