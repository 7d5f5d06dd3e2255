package io.crmanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import io.crmanalytics.core.Progress;
import io.crmanalytics.core.UserException;
import io.crmanalytics.job.Concurrently;
import io.crmanalytics.job.Job;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.job.JobResult;
import io.crmanalytics.job.JobTables;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code crm ingest}: reads every contract entity present in the input folder into bronze (raw), validates
 * and types it into silver (MERGE by key) and puts rejected rows into quarantine with the rule they broke.
 * Entities go in the contract's dependency order, so a reference is checked against silver that already
 * holds this batch's accepted targets; entities that do not depend on each other go at the same time
 * ({@link IngestWaves}).
 */
public final class IngestJob implements Job {
    public static final String NAME = "ingest";
    /** Row lists of the result: what happened to each entity read, and the entities absent from the input. */
    public static final String ENTITIES = "entities";
    public static final String SKIPPED = "skipped";
    /** Result rows: files in the input folder that no contract entity reads. */
    public static final String UNKNOWN_FILES = "unknown_files";
    /** Result rows: volume and time warnings (see docs/ingest.md). */
    public static final String WARNINGS = "warnings";
    private final IngestOptions options;

    public IngestJob(IngestOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Warehouse.TableRef> inputs() {
        return List.of();
    }

    @Override
    public List<Warehouse.TableRef> outputs() {
        return JobTables.silver(DataContract.ENTITIES);
    }

    @Override
    public JobResult run(JobContext ctx) {
        Progress progress = ctx.progress();
        InputFolder.Listing listing = new InputFolder(ctx.spark(), options.input()).list();
        List<EntitySource> sources = listing.sources();
        if (options.strict() && !listing.unknown().isEmpty()) {
            throw new UserException("input rejected, nothing was written (--strict): " + options.input()
                    + " holds " + String.join(", ", listing.unknown()) + ", which no contract entity names");
        }
        if (sources.isEmpty()) {
            throw new UserException("no contract entity found in " + options.input()
                    + ": expected files such as customers.csv, orders.parquet, surveys.json or a folder orders/"
                    + (listing.unknown().isEmpty() ? "" : " (found " + String.join(", ", listing.unknown()) + ")"));
        }
        for (String name : listing.unknown()) {
            progress.info("  %-40s not read: no contract entity has this name and format", name);
        }
        GzipCheck.requireComplete(ctx.spark(), sources);
        SourceReader reader = new SourceReader(ctx.spark(), options.encoding());
        List<RawInput> inputs = sources.stream().map(reader::read).toList();
        HeaderCheck.requireColumns(inputs);
        HeaderCheck.requireNoReservedNames(inputs);

        Batch batch = Batch.start();
        progress.info("  batch %s from %s", batch.id(), options.input());
        List<String> present = sources.stream().map(s -> s.entity().name()).toList();
        List<String> skipped = DataContract.ENTITIES.stream().map(Entity::name).filter(n -> !present.contains(n)).toList();
        for (String name : skipped) {
            progress.info("  %-40s skipped (no %s file in the input)", "ingest " + name, name);
        }
        // Entities that do not reference each other are ingested at once (see IngestWaves); the reports keep the
        // contract's order.
        Map<String, EntityReport> byEntity = new HashMap<>();
        try (UncompressedCache uncompressed = UncompressedCache.open(ctx.spark())) {
            for (List<Entity> wave : IngestWaves.of(inputs.stream().map(i -> i.source().entity()).toList())) {
                List<Callable<EntityReport>> steps = new ArrayList<>();
                for (Entity entity : wave) {
                    RawInput input = inputs.stream().filter(i -> i.source().entity().equals(entity)).findFirst()
                            .orElseThrow();
                    steps.add(() -> ingest(ctx, input, batch));
                }
                Concurrently.run(ctx.spark(), steps).forEach(r -> byEntity.put(r.entity(), r));
            }
        }
        List<EntityReport> reports = inputs.stream().map(i -> byEntity.get(i.source().entity().name())).toList();
        return result(reports, skipped, listing.unknown(), batch, ctx);
    }

    private EntityReport ingest(JobContext ctx, RawInput input, Batch batch) {
        Entity entity = input.source().entity();
        Warehouse warehouse = ctx.warehouse();
        Progress.Stage stage = ctx.progress().start("ingest " + entity.name() + " (" + input.source().label() + ")");
        SilverWriter silver = new SilverWriter(warehouse);
        discardUnfinished(ctx, entity);
        if (input.columns().isEmpty()) {
            List<String> warnings = volumeWarnings(ctx, VolumeCheck.before(warehouse, entity.name(),
                    options.minVolumeRatio()), 0);
            // An empty file: the entity is present with no rows, so its silver table exists for readers.
            silver.ensureTable(entity, silverSchema(entity, new RowRules(entity, List.of(), ctx.timeZone(), options,
                    Map.of(), batch.startedAt())));
            stage.done(0, 0);
            return new EntityReport(entity.name(), input.source().label(), 0, 0, 0, 0, Map.of(), 0, 0, false,
                    stage.seconds(), warnings);
        }
        // Read (and for CSV, parse) the input once: bronze, typing and the duplicate check all use it. Cached
        // uncompressed (see UncompressedCache).
        Dataset<Row> rows = ErasedCustomers.redact(warehouse, input).rows().persist(StorageLevel.MEMORY_AND_DISK());
        RawInput cached = new RawInput(input.source(), rows, input.columns());
        Dataset<Row> classified = null;
        try {
            // The batch's size is judged once it is counted below; the baseline must be read before bronze grows.
            VolumeCheck volume = VolumeCheck.before(warehouse, entity.name(), options.minVolumeRatio());
            new BronzeWriter(warehouse).append(cached, batch);
            Optional<StructType> existing = warehouse.exists(Layer.SILVER, entity.name())
                    ? Optional.of(warehouse.read(Layer.SILVER, entity.name()).schema()) : Optional.empty();
            Map<String, DataType> attributeTypes = entity.openColumns()
                    ? AttributeTypes.decide(entity, cached, existing) : Map.of();
            RowRules rules = new RowRules(entity, input.columns(), ctx.timeZone(), options, attributeTypes,
                    batch.startedAt());
            classified = new BatchClassifier(warehouse).classify(entity, cached, rules)
                    .persist(StorageLevel.MEMORY_AND_DISK());

            Counts counts = Counts.of(classified);
            List<String> warnings = volumeWarnings(ctx, volume, counts.rowsIn());
            long quarantineAdded = new QuarantineWriter(warehouse).write(cached, classified, counts.quarantined(), batch);
            boolean rejected = counts.rejectRate() > options.maxRejectRate();
            long written = rejected ? 0 : silver.upsert(entity, accepted(classified, entity, rules, batch),
                    silverSchema(entity, rules), counts.accepted());
            stage.done(counts.rowsIn(), counts.accepted());
            return new EntityReport(entity.name(), input.source().label(), counts.rowsIn(), counts.accepted(),
                    counts.quarantined(), counts.rowsIn() - counts.distinct(), EntityReport.sortedRules(counts.rules()),
                    written, quarantineAdded, rejected, stage.seconds(), warnings);
        } finally {
            if (classified != null) {
                classified.unpersist();
            }
            rows.unpersist();
        }
    }

    /**
     * What an ingest that never finished (killed, or failed before the run ledger's entry) left in this entity's
     * tables goes first, so the re-run leaves them as an undisturbed ingest would (see RunLedger).
     */
    private static void discardUnfinished(JobContext ctx, Entity entity) {
        for (Layer layer : List.of(Layer.BRONZE, Layer.QUARANTINE, Layer.SILVER)) {
            ctx.warehouse().ledger().discardUnfinished(layer, entity.name()).ifPresent(version -> ctx.progress()
                    .info("  %s: discarded what an unfinished command wrote (up to version %d; readers never saw it)",
                            Warehouse.qualifiedName(layer, entity.name()), version));
        }
    }

    private List<String> volumeWarnings(JobContext ctx, VolumeCheck volume, long rowsIn) {
        Optional<String> warning = volume.warning(rowsIn, options.minVolumeRatio());
        warning.ifPresent(w -> ctx.progress().info("  warning: %s", w));
        return warning.stream().toList();
    }

    /** The silver columns: the contract's (typed), customer_known for interactions, then lineage. */
    static StructType silverSchema(Entity entity, RowRules rules) {
        StructType schema = new StructType();
        for (RowRules.Field field : rules.fields()) {
            schema = schema.add(field.name(), field.type(), field.nullable());
        }
        if (hasCustomerKnown(entity)) {
            schema = schema.add(BatchClassifier.CUSTOMER_KNOWN, DataTypes.BooleanType, false);
        }
        return schema.add(Batch.BATCH_ID, DataTypes.StringType, false)
                .add(Batch.INGESTED_AT, DataTypes.TimestampType, false);
    }

    private static boolean hasCustomerKnown(Entity entity) {
        return entity.references().stream().anyMatch(r -> !r.rejectOrphans());
    }

    private static Dataset<Row> accepted(Dataset<Row> classified, Entity entity, RowRules rules, Batch batch) {
        List<Column> columns = new ArrayList<>();
        for (RowRules.Field field : rules.fields()) {
            columns.add(col(RowRules.typedName(field.name())).as(field.name()));
        }
        if (hasCustomerKnown(entity)) {
            columns.add(col(BatchClassifier.CUSTOMER_KNOWN));
        }
        columns.add(lit(batch.id()).as(Batch.BATCH_ID));
        columns.add(lit(batch.timestamp()).as(Batch.INGESTED_AT));
        return classified.where(col(BatchClassifier.RULE).isNull()).select(columns.toArray(Column[]::new));
    }

    /** The batch's accounting, from one small aggregate per entity (one row per rule). */
    private record Counts(long rowsIn, long distinct, long accepted, long quarantined, Map<String, Long> rules) {
        static Counts of(Dataset<Row> classified) {
            List<Row> byRule = classified.groupBy(col(BatchClassifier.RULE))
                    .agg(count(lit(1)), sum(col(BatchClassifier.COPIES))).collectAsList();
            long rowsIn = 0;
            long distinct = 0;
            long accepted = 0;
            Map<String, Long> rules = new HashMap<>();
            for (Row row : byRule) {
                long rows = row.getLong(1);
                rowsIn += row.getLong(2);
                distinct += rows;
                if (row.isNullAt(0)) {
                    accepted = rows;
                } else {
                    rules.put(row.getString(0), rows);
                }
            }
            return new Counts(rowsIn, distinct, accepted, distinct - accepted, rules);
        }

        double rejectRate() {
            return rowsIn == 0 ? 0 : (double) quarantined / rowsIn;
        }
    }

    private JobResult result(List<EntityReport> reports, List<String> skipped, List<String> unknown, Batch batch,
                             JobContext ctx) {
        JobResult result = new JobResult(name());
        result.figure("batch_id", batch.id());
        List<String> lines = new ArrayList<>();
        lines.add(EntityReport.summaryHeader());
        for (EntityReport report : reports) {
            result.table("silver." + report.entity(), report.silverWritten());
            result.table("quarantine." + report.entity(), report.quarantineWritten());
            result.figure(report.entity() + ".rows_in", report.rowsIn());
            result.figure(report.entity() + ".silver", report.silver());
            result.figure(report.entity() + ".quarantined", report.quarantined());
            result.figure(report.entity() + ".exact_duplicates", report.exactDuplicates());
            lines.add(report.summaryLine());
            result.row(ENTITIES, "entity", report.entity(), "rows_in", report.rowsIn(), "silver", report.silver(),
                    "quarantined", report.quarantined(), "exact_duplicates", report.exactDuplicates(),
                    "reject_rate", report.rejectRate(), "rejected", report.rejected(), "top_rules", report.topRules(3));
        }
        if (!skipped.isEmpty()) {
            lines.add("skipped (absent from the input): " + String.join(", ", skipped));
        }
        skipped.forEach(entity -> result.row(SKIPPED, "entity", entity));
        if (!unknown.isEmpty()) {
            lines.add("not read (no contract entity has this name and format): " + String.join(", ", unknown));
            result.figure("unknown_files", String.join(", ", unknown));
            unknown.forEach(file -> result.row(UNKNOWN_FILES, "file", file));
        }
        List<String> warnings = reports.stream().flatMap(r -> r.warnings().stream()).toList();
        warnings.forEach(w -> lines.add("warning: " + w));
        warnings.forEach(w -> result.row(WARNINGS, "warning", w));
        result.figure("warnings", (long) warnings.size());
        List<EntityReport> rejected = reports.stream().filter(EntityReport::rejected).toList();
        if (!rejected.isEmpty()) {
            // The command ends in an error line; the accounting still goes to the user, on stderr. What the batch
            // did write is its record (bronze, the quarantine the message points to, the other entities' silver), so
            // the run ledger commits it before the error, as publish does on a failed gate.
            lines.forEach(line -> ctx.progress().info("%s", line));
            ctx.warehouse().ledger().commit(NAME, ctx.runDate());
            throw new RejectedBatchException(rejectionMessage(rejected), result, reports);
        }
        return result;
    }

    private String rejectionMessage(List<EntityReport> rejected) {
        return rejected.stream().map(r -> String.format(Locale.ROOT,
                        "%s rejected %.1f%% of %d rows (max %.1f%%; top rules: %s), silver.%s left unchanged, see quarantine.%s",
                        r.entity(), 100 * r.rejectRate(), r.rowsIn(), 100 * options.maxRejectRate(), r.topRules(3),
                        r.entity(), r.entity()))
                .collect(Collectors.joining("; "));
    }
}
