package io.crmanalytics.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.core.UserException;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nightly job graph ({@code jobs/nightly.json}): jobs in run order, each a {@code crm} command line with
 * {@code ${variable}} placeholders and the jobs it depends on. {@code crm run} and the Airflow DAG both read
 * this one file, so the schedule and a local run cannot drift apart.
 */
public final class JobGraph {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z_]+)}");

    /** One job of the graph. */
    public record Node(@JsonProperty("name") String name,
                       @JsonProperty("command") List<String> command,
                       @JsonProperty("depends_on") List<String> dependsOn,
                       @JsonProperty("description") String description) {

        /** The command with its variables replaced; an unknown variable is an error naming it. */
        public List<String> commandWith(Map<String, String> variables) {
            List<String> resolved = new ArrayList<>();
            for (String arg : command) {
                Matcher m = VARIABLE.matcher(arg);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String value = variables.get(m.group(1));
                    if (value == null) {
                        throw new UserException("job '" + name + "' uses ${" + m.group(1)
                                + "}, which this run does not define (defined: " + variables.keySet() + ")");
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement(value));
                }
                m.appendTail(out);
                resolved.add(out.toString());
            }
            return resolved;
        }
    }

    private record File(@JsonProperty("name") String name, @JsonProperty("schedule") String schedule,
                        @JsonProperty("jobs") List<Node> jobs) {
    }

    private final String name;
    private final List<Node> nodes;

    private JobGraph(String name, List<Node> nodes) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        validate();
    }

    public static JobGraph read(InputStream json, String source) {
        try {
            File file = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(json, File.class);
            if (file.jobs() == null || file.jobs().isEmpty()) {
                throw new UserException("job graph " + source + " lists no jobs");
            }
            return new JobGraph(file.name(), file.jobs());
        } catch (IOException e) {
            throw new UserException("cannot read job graph " + source + ": " + e.getMessage().split("\n")[0], e);
        }
    }

    public String name() {
        return name;
    }

    /** Jobs in run order: the file's order, which {@link #validate()} proves respects every dependency. */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * Refuses the graph, before any job runs, when a job reads a gold table that no job before it writes: the job
     * would fail, or silently use a stale table of an earlier run, after the jobs before it had done their work.
     * Silver inputs are not checked: ingest writes them, in this run or an earlier one.
     *
     * @param jobs the graph's jobs, configured, in the order of {@link #nodes()}
     */
    public static void checkInputs(List<Job> jobs) {
        Map<String, String> writers = new HashMap<>();
        for (Job job : jobs) {
            for (Warehouse.TableRef input : job.inputs()) {
                if (input.layer() == Layer.GOLD && !writers.containsKey(input.qualifiedName())) {
                    throw new UserException("job '" + job.name() + "' reads " + input.qualifiedName()
                            + ", which no earlier job of the graph writes" + GoldContract.find(input.name())
                            .map(t -> " (job '" + t.owner() + "' writes it: list it before '" + job.name() + "')")
                            .orElse(""));
                }
            }
            job.outputs().forEach(output -> writers.put(output.qualifiedName(), job.name()));
        }
    }

    private void validate() {
        Set<String> seen = new HashSet<>();
        Map<String, Node> byName = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (node.name() == null || node.command() == null || node.command().isEmpty()) {
                throw new UserException("every job of the graph needs a name and a command");
            }
            if (byName.put(node.name(), node) != null) {
                throw new UserException("job '" + node.name() + "' appears twice in the graph");
            }
            for (String dependency : node.dependsOn() == null ? List.<String>of() : node.dependsOn()) {
                if (!seen.contains(dependency)) {
                    throw new UserException("job '" + node.name() + "' depends on '" + dependency
                            + "', which is not listed before it");
                }
            }
            seen.add(node.name());
        }
    }
}
