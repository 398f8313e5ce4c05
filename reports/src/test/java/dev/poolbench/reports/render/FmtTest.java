package dev.poolbench.reports.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How numbers read in the reports. */
class FmtTest {

    @Test
    void numbersKeepAboutFourSignificantDigits() {
        assertThat(Fmt.number(1234.5)).isEqualTo("1,235");
        assertThat(Fmt.number(123.45)).isEqualTo("123.5");
        assertThat(Fmt.number(6.5)).isEqualTo("6.500");
        assertThat(Fmt.number(0.25)).isEqualTo("0.250");
        assertThat(Fmt.number(0.000547)).isEqualTo("0.000547");
        assertThat(Fmt.number(3)).isEqualTo("3");
        assertThat(Fmt.number(Double.NaN)).isEqualTo("-");
    }

    @Test
    void anErrorIsShownToTheScoresLastDigit() {
        assertThat(Fmt.withError(1199.6, 146.1)).isEqualTo("1,200 ± 146");
        assertThat(Fmt.withError(4.9168, 0.1204)).isEqualTo("4.917 ± 0.120");
        assertThat(Fmt.withError(812.5, Double.NaN)).isEqualTo("812.5");
    }

    @Test
    void changesAndSpreads() {
        assertThat(Fmt.signedPercent(-49.96)).isEqualTo("-50.0%");
        assertThat(Fmt.signedPercent(3.14)).isEqualTo("+3.1%");
        assertThat(Fmt.spread(100, 95, 104)).isEqualTo("±5%");
    }
}
