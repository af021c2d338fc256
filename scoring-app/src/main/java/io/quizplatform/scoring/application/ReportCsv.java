package io.quizplatform.scoring.application;

import io.quizplatform.scoring.domain.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as a spreadsheet: one row per player (rank, nickname, score, correct answers, answered, average
 * response time in seconds, then the points of each question). Fields a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) are prefixed with a quote: nicknames are typed by players.
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String of(Report report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("rank", "nickname", "score", "correct_answers", "answered",
                "average_response_seconds"));
        for (int q = 1; q <= report.questionsPlayed(); q++) {
            header.add("q" + q + "_points");
        }
        row(csv, header);
        for (Report.PlayerLine p : report.ranking()) {
            List<String> cells = new ArrayList<>(header.size());
            cells.add(Integer.toString(p.rank()));
            cells.add(p.nickname());
            cells.add(Integer.toString(p.score()));
            cells.add(Integer.toString(p.correctAnswers()));
            cells.add(Integer.toString(p.answered()));
            cells.add(p.averageResponseMs() == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", p.averageResponseMs() / 1000.0));
            for (int q = 0; q < report.questionsPlayed(); q++) {
                cells.add(q < p.pointsByQuestion().size() ? Integer.toString(p.pointsByQuestion().get(q)) : "0");
            }
            row(csv, cells);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
