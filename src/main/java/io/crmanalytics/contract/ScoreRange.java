package io.crmanalytics.contract;

/** The inclusive range of a survey score for one survey type (CSAT 1-5, NPS 0-10, CES 1-7). */
public record ScoreRange(int min, int max) {
    public boolean contains(int score) {
        return score >= min && score <= max;
    }
}
