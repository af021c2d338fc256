package io.quizplatform.scoring.application;

import io.quizplatform.contracts.Standing;
import io.quizplatform.scoring.domain.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCsvTest {

    @Test
    void oneRowPerPlayerWithThePointsOfEachQuestion() {
        Report report = new Report("g", "q", "h", "COMPLETED", null, null, 2, 2,
                List.of(new Standing(1, "a", "Ada", 1900, 2)),
                List.of(new Report.PlayerLine(1, "a", "Ada", 1900, 2, 2, 1250L, List.of(1000, 900)),
                        new Report.PlayerLine(2, "b", "=HYPERLINK(\"x\")", 0, 0, 0, null, List.of(0, 0))),
                List.of());
        assertThat(ReportCsv.of(report)).isEqualTo("""
                rank,nickname,score,correct_answers,answered,average_response_seconds,q1_points,q2_points\r
                1,Ada,1900,2,2,1.250,1000,900\r
                2,"'=HYPERLINK(""x"")",0,0,0,,0,0\r
                """);
    }

    @Test
    void formulaLikeNicknamesAreDefusedButNumbersAreNot() {
        assertThat(ReportCsv.cell("+1 boom")).isEqualTo("'+1 boom");
        assertThat(ReportCsv.cell("@SUM")).isEqualTo("'@SUM");
        assertThat(ReportCsv.cell("-12")).isEqualTo("-12");
        assertThat(ReportCsv.cell("a,b")).isEqualTo("\"a,b\"");
    }
}
