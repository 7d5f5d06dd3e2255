package io.crmanalytics.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmanalytics.job.Concurrently;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.warehouse.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The run report: {@code <warehouse>/reports/<run_date>/report.html}, one self-contained page (inline CSS and
 * SVG, no script, nothing fetched from the network) that a manager reads in two minutes, and
 * {@code summary.json} beside it with the same headline figures for programs. Built from whichever gold tables
 * exist; a section whose table is absent says "not run".
 */
public final class ReportWriter {
    /** Where the report went, and which sections had data. */
    public record Written(String html, String summaryJson, List<String> sectionsRun, List<String> sectionsNotRun) {
    }

    private static final List<Function<ReportInputs, Section>> SECTIONS = List.of(
            RootCauseSections::rootCauses,
            RootCauseSections::emerging,
            ValueSection::build,
            PropensitySection::build,
            ServiceSections::ivrFunnel,
            ServiceSections::agents,
            QualitySection::build);

    private ReportWriter() {
    }

    public static Written write(JobContext context) {
        ReportInputs inputs = new ReportInputs(context);
        // Each section reads its own tables: they are built at once (see Concurrently), in the page's order.
        List<Callable<Section>> builds = new ArrayList<>();
        for (Function<ReportInputs, Section> build : SECTIONS) {
            builds.add(() -> {
                long start = System.nanoTime();
                Section section = build.apply(inputs);
                context.progress().info("  %-40s %8.1fs", section.id() + (section.ran() ? "" : " (not run)"),
                        (System.nanoTime() - start) / 1e9);
                return section;
            });
        }
        List<Section> sections = Concurrently.run(context.spark(), builds);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String folder = context.warehouse().folder("reports") + "/" + context.runDate();
        String html = folder + "/report.html";
        String json = folder + "/summary.json";
        write(context, html, Page.render(context, sections, now).getBytes(StandardCharsets.UTF_8));
        write(context, json, summary(context, sections, now));
        List<String> run = sections.stream().filter(Section::ran).map(Section::id).toList();
        List<String> notRun = sections.stream().filter(s -> !s.ran()).map(Section::id).toList();
        return new Written(html, json, run, notRun);
    }

    private static byte[] summary(JobContext context, List<Section> sections, Instant now) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run_date", context.runDate().toString());
        summary.put("generated_at", now.toString());
        summary.put("warehouse", context.warehouse().root());
        Map<String, Object> bySection = new LinkedHashMap<>();
        for (Section section : sections) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("title", section.title());
            entry.putAll(section.summary());
            bySection.put(section.id(), entry);
        }
        summary.put("sections", bySection);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary);
        } catch (IOException e) {
            throw new IllegalStateException("summary.json could not be serialized", e);
        }
    }

    private static void write(JobContext context, String target, byte[] content) {
        AtomicFile.write(context.spark().sparkContext().hadoopConfiguration(), target, content);
    }
}
