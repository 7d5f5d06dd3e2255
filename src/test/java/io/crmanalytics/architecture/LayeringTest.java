package io.crmanalytics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package layering of docs/architecture.md: arrows point one way (cli, then the analysis packages, then
 * ingest/quality, then job, then warehouse/contract/stats, then core), no package cycles, and no analysis package
 * imports another (they talk through gold tables). Only main classes are checked; tests may reach across.
 */
class LayeringTest {
    private static final String ROOT = "io.crmanalytics";
    static final List<String> ANALYSIS = List.of("rootcause", "value", "propensity", "service", "publish", "report");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy(ROOT + ".cli..")
                .layer("analysis").definedBy(packages(ANALYSIS))
                .layer("sample").definedBy(ROOT + ".sample..")
                .layer("ingest and quality").definedBy(ROOT + ".ingest..", ROOT + ".quality..")
                .layer("job").definedBy(ROOT + ".job..")
                .layer("warehouse").definedBy(ROOT + ".warehouse..")
                .layer("contract").definedBy(ROOT + ".contract..")
                .layer("stats").definedBy(ROOT + ".stats..")
                .layer("core").definedBy(ROOT + ".core..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("sample").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("ingest and quality").mayOnlyBeAccessedByLayers("cli", "analysis")
                .whereLayer("job").mayOnlyBeAccessedByLayers("cli", "analysis", "ingest and quality")
                .whereLayer("warehouse").mayOnlyBeAccessedByLayers("cli", "analysis", "ingest and quality", "job")
                .whereLayer("contract")
                .mayOnlyBeAccessedByLayers("cli", "analysis", "sample", "ingest and quality", "job", "warehouse")
                .whereLayer("stats").mayOnlyBeAccessedByLayers("cli", "analysis", "ingest and quality")
                .check(main);
    }

    @Test
    void noAnalysisPackageImportsAnother() {
        for (String owner : ANALYSIS) {
            String[] others = packages(ANALYSIS.stream().filter(p -> !p.equals(owner)).toList());
            noClasses().that().resideInAPackage(ROOT + "." + owner + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("analysis packages talk through gold tables, not code")
                    .check(main);
        }
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }
}
