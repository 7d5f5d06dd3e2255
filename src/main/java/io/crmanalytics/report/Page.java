package io.crmanalytics.report;

import io.crmanalytics.job.JobContext;
import java.time.Instant;
import java.util.List;

/** The report page around the sections: title, contents with each section's status, and the stylesheet. */
final class Page {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;
              color:#1f2933;margin:0 auto;max-width:1180px;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid #d9e2ec}
            h3{font-size:15px}.meta{color:#52606d;margin:0 0 16px}
            nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px}
            nav li a{display:block;padding:4px 10px;border-radius:12px;background:#e4f0fb;color:#1f4e79;text-decoration:none}
            nav li.not-run a{background:#f0f4f8;color:#7b8794}
            table{border-collapse:collapse;margin:12px 0;font-size:13px}
            th,td{border-bottom:1px solid #e4e7eb;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f5f7fa}.num{text-align:right;font-variant-numeric:tabular-nums}
            .note{color:#616e7c;font-style:italic}.sentences li{margin:4px 0}
            .pair{display:flex;flex-wrap:wrap;gap:16px}.pair>div{flex:1 1 520px}
            svg.chart{max-width:100%;height:auto;display:block;margin:8px 0}
            .chart-title{font-size:13px;font-weight:600;fill:#1f2933}
            .label,.value,.tick{font-size:11px;fill:#3e4c59}
            .bar{fill:#4e79a7}.bar.alert{fill:#e15759}
            .axis{stroke:#9aa5b1;stroke-width:1}.diagonal{stroke:#9aa5b1;stroke-dasharray:4 4}
            .line{fill:none;stroke:#f28e2b;stroke-width:2}.dot{fill:#f28e2b}
            .curve{fill:none;stroke-width:2}
            .series-0{stroke:#4e79a7}.series-1{stroke:#f28e2b}.series-2{stroke:#59a14f}.series-3{stroke:#e15759}
            .series-4{stroke:#b07aa1}.series-5{stroke:#76b7b2}.series-6{stroke:#edc948}.series-7{stroke:#9c755f}
            """;

    private Page() {
    }

    static String render(JobContext context, List<Section> sections, Instant generatedAt) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>crm-analytics run report ").append(context.runDate()).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>");
        html.append("<h1>crm-analytics run report: ").append(context.runDate()).append("</h1>");
        html.append("<p class=\"meta\">Generated ").append(Html.escape(generatedAt.toString()))
                .append(" from ").append(Html.escape(context.warehouse().root())).append("</p>");
        html.append("<nav><ul>");
        for (Section section : sections) {
            html.append(section.ran() ? "<li>" : "<li class=\"not-run\">").append("<a href=\"#")
                    .append(section.id()).append("\">").append(Html.escape(section.title()))
                    .append(section.ran() ? "" : " (not run)").append("</a></li>");
        }
        html.append("</ul></nav>");
        for (Section section : sections) {
            html.append("<section id=\"").append(section.id()).append("\"><h2>").append(Html.escape(section.title()))
                    .append("</h2>").append(section.html()).append("</section>");
        }
        return html.append("</body></html>\n").toString();
    }
}
