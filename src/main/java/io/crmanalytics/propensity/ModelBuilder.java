package io.crmanalytics.propensity;

import io.crmanalytics.core.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * From labelled rows in memory to one calibrated, evaluated model: the model search on the training rows, the
 * better family chosen by AUC on separate validation rows, isotonic calibration and evaluation on those rows.
 *
 * <p>Calibration is judged honestly: its reported error comes from a map fitted on one half of the validation
 * rows and applied to the other half; the saved map is then fitted on all validation rows. The model that was
 * validated and calibrated is the one saved (no refit on other rows), so the map and the metrics belong to it.
 */
final class ModelBuilder {

    /** Everything the callers report. */
    record Outcome(PropensityModel model, List<ModelSearch.Candidate> candidates, Map<String, Double> validationAuc,
                   String chosen, String params, Evaluation.Ranking ranking, Evaluation.Reliability reliability,
                   long trainingRows, long trainingPositives) {
        Map<String, Double> stoppingAuc() {
            Map<String, Double> out = new LinkedHashMap<>();
            candidates.forEach(c -> out.put(c.family(), c.stoppingAuc()));
            return out;
        }
    }

    /** Rows too few to learn from; the caller skips (warehouse) or refuses (bring-your-own). */
    static final class TooFewRows extends RuntimeException {
        TooFewRows(String message) {
            super(message);
        }
    }

    private ModelBuilder() {
    }

    /**
     * @param info details to store with the model (metrics and row counts are added here)
     */
    static Outcome build(ModelSearch.Rows train, ModelSearch.Rows validation, FeatureSpec spec,
                         SearchOptions options, int minPositives, Map<String, Object> info, Progress progress) {
        requireBothClasses("training", train, minPositives);
        requireBothClasses("validation", validation, minPositives);

        Progress.Stage search = progress.start("    model search (in memory, " + train.size() + " rows x "
                + spec.width() + " features)");
        List<ModelSearch.Candidate> candidates = ModelSearch.search(train, options, progress);
        search.done(train.size());
        Progress.Stage choose = progress.start("    choose, calibrate, evaluate");
        Map<String, Double> validationAuc = new LinkedHashMap<>();
        ModelSearch.Candidate chosen = null;
        double[] chosenScores = null;
        for (ModelSearch.Candidate c : candidates) {
            double[] scores = ModelSearch.scores(c.model(), validation);
            double auc = Evaluation.auc(scores, validation.y());
            validationAuc.put(c.family(), auc);
            if (chosen == null || auc > validationAuc.get(chosen.family())) {
                chosen = c;
                chosenScores = scores;
            }
        }
        Evaluation.Reliability reliability = heldOutReliability(chosenScores, validation.y(), options.seed());
        Calibration calibration = Calibration.fit(chosenScores, validation.y());
        double[] propensity = new double[chosenScores.length];
        for (int i = 0; i < propensity.length; i++) {
            propensity[i] = calibration.apply(chosenScores[i]);
        }
        Evaluation.Ranking ranking = Evaluation.ranking(chosenScores, propensity, validation.y());
        choose.done(validation.size());

        Map<String, Object> details = new LinkedHashMap<>(info);
        details.put("validation_auc", validationAuc);
        details.put("stopping_fold_auc", stoppingAucs(candidates));
        details.put("training_rows", (long) train.size());
        details.put("training_positives", train.positives());
        details.put("validation_rows", (long) validation.size());
        details.put("validation_positives", validation.positives());
        details.put("calibration_error", reliability.calibrationError());
        Explainer explainer = Explainer.of(chosen.model(), spec, train);
        PropensityModel model = new PropensityModel(chosen.model(), spec, calibration, explainer, chosen.params(),
                details);
        return new Outcome(model, candidates, validationAuc, chosen.family(), chosen.params(), ranking, reliability,
                train.size(), train.positives());
    }

    /** Calibration error measured out of sample: map fitted on one half of the validation rows, judged on the other. */
    private static Evaluation.Reliability heldOutReliability(double[] scores, int[] labels, long seed) {
        Random random = new Random(seed);
        int[] half = new int[labels.length];
        int fitRows = 0;
        for (int i = 0; i < half.length; i++) {
            half[i] = random.nextBoolean() ? 0 : 1;
            fitRows += half[i] == 0 ? 1 : 0;
        }
        double[] fitScores = new double[fitRows];
        int[] fitLabels = new int[fitRows];
        double[] judgeScores = new double[labels.length - fitRows];
        int[] judgeLabels = new int[labels.length - fitRows];
        for (int i = 0, f = 0, j = 0; i < labels.length; i++) {
            if (half[i] == 0) {
                fitScores[f] = scores[i];
                fitLabels[f++] = labels[i];
            } else {
                judgeScores[j] = scores[i];
                judgeLabels[j++] = labels[i];
            }
        }
        Calibration map = Calibration.fit(fitScores, fitLabels);
        double[] predicted = new double[judgeScores.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = map.apply(judgeScores[i]);
        }
        return Evaluation.reliability(judgeScores, predicted, judgeLabels);
    }

    private static Map<String, Double> stoppingAucs(List<ModelSearch.Candidate> candidates) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ModelSearch.Candidate c : candidates) {
            out.put(c.family(), c.stoppingAuc());
        }
        return out;
    }

    private static void requireBothClasses(String what, ModelSearch.Rows rows, int minPositives) {
        long positives = rows.positives();
        long negatives = rows.size() - positives;
        if (positives < minPositives || negatives < minPositives) {
            throw new TooFewRows(what + " rows have " + positives + " positives and " + negatives
                    + " negatives; need at least " + minPositives + " of each");
        }
    }
}
