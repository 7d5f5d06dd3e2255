package io.crmanalytics.report;

import java.util.List;
import java.util.Locale;

/**
 * A minimal SVG writer: just the shapes our charts draw, with every text escaped. Charts are drawn in a fixed
 * coordinate system (viewBox) and scale with the page; colours come from the page's CSS classes, so the report
 * restyles in one place.
 */
final class Svg {
    private final int width;
    private final int height;
    private final String title;
    private final StringBuilder body = new StringBuilder();

    Svg(int width, int height, String title) {
        this.width = width;
        this.height = height;
        this.title = title;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** A rectangle; {@code tooltip} (may be null) shows on hover. */
    Svg rect(double x, double y, double w, double h, String cssClass, String tooltip) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\">",
                x, y, Math.max(0, w), Math.max(0, h), Html.escape(cssClass)));
        if (tooltip != null) {
            body.append("<title>").append(Html.escape(tooltip)).append("</title>");
        }
        body.append("</rect>");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>",
                x1, y1, x2, y2, Html.escape(cssClass)));
        return this;
    }

    Svg polyline(List<double[]> points, String cssClass) {
        StringBuilder coords = new StringBuilder();
        for (double[] p : points) {
            coords.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        body.append("<polyline points=\"").append(coords.toString().trim()).append("\" class=\"")
                .append(Html.escape(cssClass)).append("\"/>");
        return this;
    }

    Svg circle(double cx, double cy, double r, String cssClass, String tooltip) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" class=\"%s\">", cx, cy, r,
                Html.escape(cssClass)));
        if (tooltip != null) {
            body.append("<title>").append(Html.escape(tooltip)).append("</title>");
        }
        body.append("</circle>");
        return this;
    }

    /** Text at (x, y); anchor is start, middle or end. */
    Svg text(double x, double y, String text, String anchor, String cssClass) {
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y,
                anchor, Html.escape(cssClass))).append(Html.escape(text)).append("</text>");
        return this;
    }

    String render() {
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "role=\"img\" aria-label=\"%s\" class=\"chart\"><title>%s</title>",
                width, height, width, height, Html.escape(title), Html.escape(title))
                + body + "</svg>";
    }
}
