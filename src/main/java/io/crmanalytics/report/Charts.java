package io.crmanalytics.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The report's charts, drawn with {@link Svg}: horizontal bars, a Pareto chart, a histogram and line curves.
 * Each returns one inline {@code <svg>} element; an empty input gives a short note instead of an empty chart.
 */
final class Charts {
    private static final int WIDTH = 720;
    private static final int LABEL_WIDTH = 230;
    private static final int BAR_HEIGHT = 22;

    private Charts() {
    }

    /** One bar: its label, value, and whether to draw it as an alert (e.g. a flagged IVR node). */
    record Bar(String label, double value, boolean alert) {
        Bar(String label, double value) {
            this(label, value, false);
        }
    }

    /** One curve of a line chart: points as (x, y) in data units. */
    record Series(String name, List<double[]> points) {
    }

    static String horizontalBars(String title, List<Bar> bars, DoubleFunction<String> format) {
        if (bars.isEmpty()) {
            return Html.note("No data for: " + title);
        }
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int height = 30 + bars.size() * BAR_HEIGHT;
        Svg svg = new Svg(WIDTH, height, title);
        double plotWidth = WIDTH - LABEL_WIDTH - 90;
        svg.text(0, 14, title, "start", "chart-title");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = 24 + i * BAR_HEIGHT;
            double w = max <= 0 ? 0 : plotWidth * Math.max(0, bar.value()) / max;
            svg.text(LABEL_WIDTH - 6, y + 14, shorten(bar.label(), 36), "end", "label");
            svg.rect(LABEL_WIDTH, y + 2, Math.max(1, w), BAR_HEIGHT - 6, bar.alert() ? "bar alert" : "bar",
                    bar.label() + ": " + format.apply(bar.value()));
            svg.text(LABEL_WIDTH + Math.max(1, w) + 4, y + 14, format.apply(bar.value()), "start", "value");
        }
        return svg.render();
    }

    /**
     * Bars (sorted by value by the caller) with the cumulative share of {@code total} as a line on a 0-100% right
     * axis. Each bar is named by its tick (e.g. a rank), which the table next to the chart also shows.
     */
    static String pareto(String title, List<Bar> bars, List<String> ticks, double total) {
        if (bars.isEmpty() || !(total > 0)) {
            return Html.note("No data for: " + title);
        }
        int height = 260;
        double left = 50;
        double right = WIDTH - 50;
        double top = 30;
        double bottom = height - 30;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        Svg svg = new Svg(WIDTH, height, title);
        svg.text(0, 14, title, "start", "chart-title");
        svg.line(left, bottom, right, bottom, "axis").line(left, top, left, bottom, "axis")
                .line(right, top, right, bottom, "axis");
        svg.text(left - 4, top + 4, Format.number(max), "end", "tick")
                .text(left - 4, bottom, "0", "end", "tick")
                .text(right + 4, top + 4, "100%", "start", "tick")
                .text(right + 4, bottom, "0%", "start", "tick");
        double slot = (right - left) / bars.size();
        List<double[]> cumulative = new ArrayList<>();
        double running = 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = (bottom - top) * bar.value() / max;
            double x = left + i * slot;
            svg.rect(x + slot * 0.15, bottom - h, slot * 0.7, h, bar.alert() ? "bar alert" : "bar",
                    ticks.get(i) + " " + bar.label() + ": " + Format.number(bar.value()));
            svg.text(x + slot / 2, bottom + 14, ticks.get(i), "middle", "tick");
            running += bar.value();
            double share = Math.min(1.0, running / total);
            cumulative.add(new double[] {x + slot / 2, bottom - (bottom - top) * share});
        }
        svg.polyline(cumulative, "line");
        for (double[] p : cumulative) {
            svg.circle(p[0], p[1], 3, "dot", null);
        }
        return svg.render();
    }

    /** Bins as (low, high, count); the x axis shows the bin edges at a few ticks. */
    static String histogram(String title, List<double[]> bins, DoubleFunction<String> format) {
        if (bins.isEmpty()) {
            return Html.note("No data for: " + title);
        }
        int height = 240;
        double left = 60;
        double right = WIDTH - 20;
        double top = 30;
        double bottom = height - 30;
        double max = bins.stream().mapToDouble(b -> b[2]).max().orElse(1);
        Svg svg = new Svg(WIDTH, height, title);
        svg.text(0, 14, title, "start", "chart-title");
        svg.line(left, bottom, right, bottom, "axis").line(left, top, left, bottom, "axis");
        svg.text(left - 4, top + 4, Format.number(max), "end", "tick").text(left - 4, bottom, "0", "end", "tick");
        double slot = (right - left) / bins.size();
        int every = Math.max(1, bins.size() / 5);
        for (int i = 0; i < bins.size(); i++) {
            double[] bin = bins.get(i);
            double h = max <= 0 ? 0 : (bottom - top) * bin[2] / max;
            double x = left + i * slot;
            svg.rect(x + 1, bottom - h, slot - 2, h, "bar",
                    format.apply(bin[0]) + " to " + format.apply(bin[1]) + ": " + Format.number(bin[2]));
            if (i % every == 0) {
                svg.text(x, bottom + 14, format.apply(bin[0]), "middle", "tick");
            }
        }
        svg.text(right, bottom + 14, format.apply(bins.get(bins.size() - 1)[1]), "end", "tick");
        return svg.render();
    }

    /** Curves on [0,1] x [0,1] (cumulative gains), with the diagonal of a random ordering for reference. */
    static String gains(String title, List<Series> series) {
        if (series.isEmpty()) {
            return Html.note("No data for: " + title);
        }
        int height = 300;
        double left = 50;
        double right = 470;
        double top = 30;
        double bottom = height - 40;
        Svg svg = new Svg(WIDTH, height, title);
        svg.text(0, 14, title, "start", "chart-title");
        svg.line(left, bottom, right, bottom, "axis").line(left, top, left, bottom, "axis");
        svg.line(left, bottom, right, top, "diagonal");
        for (int tick = 0; tick <= 4; tick++) {
            double f = tick / 4.0;
            String label = Math.round(f * 100) + "%";
            svg.text(left + (right - left) * f, bottom + 14, label, "middle", "tick");
            svg.text(left - 4, bottom - (bottom - top) * f + 4, label, "end", "tick");
        }
        svg.text((left + right) / 2, bottom + 30, "share of customers contacted (by score)", "middle", "tick");
        for (int s = 0; s < series.size(); s++) {
            Series curve = series.get(s);
            String colour = "series-" + (s % 8);
            List<double[]> points = new ArrayList<>();
            points.add(new double[] {left, bottom});
            for (double[] p : curve.points()) {
                points.add(new double[] {left + (right - left) * clamp(p[0]), bottom - (bottom - top) * clamp(p[1])});
            }
            svg.polyline(points, "curve " + colour);
            double legendY = top + 6 + s * 16;
            svg.line(right + 20, legendY, right + 40, legendY, "curve " + colour);
            svg.text(right + 46, legendY + 4, shorten(curve.name(), 28), "start", "label");
        }
        return svg.render();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
