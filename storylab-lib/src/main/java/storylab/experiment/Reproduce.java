package storylab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import storylab.Lab;
import storylab.Scale;
import storylab.model.Torch;
import storylab.teacher.Criterion;
import tech.tablesaw.api.Table;

/**
 * {@code storylab reproduce}: every experiment once per seed (reusing finished runs), every figure as PNG and SVG,
 * the tables as CSV, a report (Markdown and HTML) that decides each claim from 95 % CIs, and {@code summary.json}.
 * {@code --emit slurm DIR} writes the runs as specs for a cluster instead ({@link RunSpec}); {@code --collect DIR}
 * builds the report from whatever of them has finished.
 * <pre>{@code
 * var report = Reproduce.at(Scale.TEST).seeds(2).into(Path.of("runs/reproduce")).run();
 * report.claims()     // each decided from its 95 % CI
 * }</pre>
 */
public final class Reproduce {

    static final String USAGE = "storylab reproduce [--scale test|workshop|paper] [--seeds N] [--out DIR] [--reuse-stale]\n"
            + "                  [--teacher offline|rubric|llm] [--corpus world|KIND:PATH] [--eval prompts|KIND:PATH] [--pairs FILE.jsonl]\n"
            + "                  [--emit slurm DIR | --collect DIR]\n"
            + "  KIND: tinystories, babylm, text, paragraphs. --teacher llm needs STORYLAB_LLM_URL (model: STORYLAB_LLM_MODEL).";

    private final Scale scale;
    private final Path out;
    private ExperimentPlan base;
    private boolean display;
    private int seeds;
    private boolean reuseStale;
    private boolean collect;
    private TeacherSpec teacher;
    private DataSpec data;

    private Reproduce(Scale scale, Path out) {
        this.scale = scale;
        this.out = out;
    }

    public static Reproduce at(Scale scale) {
        return new Reproduce(scale, Lab.runs("reproduce"));
    }

    /** A reproduction of this plan (its seeds, teacher and data unless changed here). */
    public static Reproduce of(ExperimentPlan plan) {
        Scale scale;
        try { scale = Scale.valueOf(plan.scale().toUpperCase()); } catch (IllegalArgumentException e) { scale = Scale.current(); }
        var r = new Reproduce(scale, Lab.runs("reproduce"));
        r.base = plan;
        return r;
    }

    public Reproduce into(Path dir) {
        var r = new Reproduce(scale, dir);
        r.base = base;
        r.display = display;
        r.seeds = seeds;
        r.reuseStale = reuseStale;
        r.collect = collect;
        r.teacher = teacher;
        r.data = data;
        return r;
    }

    public Reproduce display(boolean on) { display = on; return this; }
    /** Runs every experiment for seeds 42 … 42+n−1 (default: the plan's, 3 at workshop scale). */
    public Reproduce seeds(int n) { ExperimentPlan.seeds(n); seeds = n; return this; }
    /** Reuses runs made by other code instead of redoing them (the report lists them). */
    public Reproduce reuseStale(boolean on) { reuseStale = on; return this; }
    /** Builds the report from finished runs only, computing nothing (runs made elsewhere, e.g. by a Slurm array). */
    public Reproduce collect(boolean on) { collect = on; return this; }
    public Reproduce teacher(TeacherSpec t) { teacher = t; return this; }
    public Reproduce data(DataSpec d) { data = d; return this; }

    /** The plan this reproduction runs: the scale's, with the chosen seeds, teacher and data. */
    public ExperimentPlan plan() {
        var p = base != null ? base : ExperimentPlan.at(scale);
        if (seeds > 0) p = p.withSeeds(ExperimentPlan.seeds(seeds));
        if (teacher != null) p = p.withTeacher(teacher);
        if (data != null) p = p.withData(data);
        return p;
    }

    /** The command line's entry point; returns the exit code (1 when an experiment failed, 2 for bad arguments). */
    public static int main(List<String> args) {
        try {
            var parsed = parse(args);
            if (parsed.emit != null) {
                var specs = RunSpec.emit(parsed.reproduce.plan(), parsed.emit);
                System.out.println("Wrote " + specs + " run specs and the Slurm scripts into " + parsed.emit + " (see submit.sh); collect with: ./storylab reproduce --collect " + parsed.emit);
                return 0;
            }
            var r = parsed.reproduce;
            var report = r.run();
            System.out.println(report.markdown());
            System.out.println("Wrote " + r.out.resolve("report.md") + ", report.html and summary.json");
            if (!report.provenance().failed().isEmpty()) {
                System.err.println("storylab reproduce: " + report.provenance().failed().size() + " experiment(s) failed: " + report.provenance().failed());
                return 1;
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("storylab reproduce: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("storylab reproduce: " + e.getMessage());
            return 1;
        }
    }

    private record Parsed(Reproduce reproduce, Path emit) {}

    private static Parsed parse(List<String> args) {
        Scale scale = Scale.current();
        Path out = null, emit = null, collect = null;
        Integer seeds = null;
        boolean stale = false;
        String teacher = null, corpus = null, eval = null, pairs = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--reuse-stale")) { stale = true; continue; }
            if (!a.startsWith("--") || i + 1 >= args.size()) throw new IllegalArgumentException("unexpected argument \"" + a + "\" in " + args);
            String v = args.get(++i);
            switch (a) {
                case "--scale" -> {
                    try { scale = Scale.valueOf(v.strip().toUpperCase()); }
                    catch (IllegalArgumentException e) { throw new IllegalArgumentException("--scale must be test, workshop or paper, not \"" + v + "\""); }
                }
                case "--out" -> out = Path.of(v);
                case "--seeds" -> {
                    try { seeds = Integer.parseInt(v.strip()); }
                    catch (NumberFormatException e) { throw new IllegalArgumentException("--seeds expects a whole number ≥ 1, not \"" + v + "\""); }
                }
                case "--teacher" -> teacher = v;
                case "--corpus" -> corpus = v;
                case "--eval" -> eval = v;
                case "--pairs" -> pairs = v;
                case "--emit" -> {
                    if (!v.equals("slurm") || i + 1 >= args.size()) throw new IllegalArgumentException("--emit expects: slurm DIR");
                    emit = Path.of(args.get(++i));
                }
                case "--collect" -> collect = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (collect != null) {
            if (out != null && !out.equals(collect)) throw new IllegalArgumentException("--collect DIR writes the report into DIR; leave out --out");
            var r = RunSpec.collecting(collect);
            return new Parsed(r.reuseStale(stale), null);
        }
        var r = new Reproduce(scale, out == null ? Lab.runs("reproduce") : out).reuseStale(stale);
        if (seeds != null) r.seeds(seeds);
        if (teacher != null) r.teacher(teacherSpec(teacher));
        if (corpus != null || eval != null || pairs != null) r.data(pairs == null ? DataSpec.parse(corpus, eval) : DataSpec.parse(corpus, eval).pairs(Path.of(pairs)));
        return new Parsed(r, emit);
    }

    /** --teacher offline|rubric|llm. */
    static TeacherSpec teacherSpec(String name) {
        return switch (name.strip().toLowerCase()) {
            case "offline" -> TeacherSpec.offline();
            case "rubric", "rule" -> TeacherSpec.rule(2_000, 7);
            case "llm" -> {
                var t = TeacherSpec.llmFromEnv();
                if (t == null) throw new IllegalArgumentException("--teacher llm needs STORYLAB_LLM_URL set to an OpenAI-compatible server (model from STORYLAB_LLM_MODEL)");
                yield t;
            }
            default -> throw new IllegalArgumentException("--teacher must be offline, rubric or llm, not \"" + name + "\"");
        };
    }

    /** PyTorch threads of a reproduction (and of every run spec): part of what makes its numbers repeatable. */
    static int threads() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
    }

    public Report run() {
        long t0 = System.nanoTime();
        Torch.threads(threads());
        var plan = plan();
        var store = RunStore.at(out.resolve("runs-" + plan.scale())).reuseStale(reuseStale).finishedOnly(collect);
        var tables = new LinkedHashMap<String, Table>();
        var figures = new LinkedHashMap<String, Chart<?, ?>>();
        var notes = new ArrayList<String>();
        var failed = new ArrayList<String>();

        var perSeed = new ArrayList<ThresholdResult>();
        for (long seed : plan.seeds()) {
            log("threshold, seed " + seed + ": pretraining to " + Equivalence.words(plan.pretrainWords()) + " words, PPO from " + plan.milestones().size() + " checkpoints");
            try {
                perSeed.add(Threshold.of(plan.withSeed(seed)).into(store).display(display).run());
            } catch (RunStore.Missing m) {
                notes.add("seed " + seed + " left out: " + m.getMessage());
            } catch (RuntimeException ex) { // one seed's failure leaves the others (its finished runs stay stored for a rerun)
                failed.add("threshold seed " + seed + ": " + ex);
                notes.add("seed " + seed + " **failed**: " + ex);
            }
        }
        if (perSeed.isEmpty())
            throw new IllegalArgumentException("no seed has finished its threshold runs in " + store.root() + " (" + String.join("; ", notes) + ")");
        var seeds = new ThresholdSeeds(perSeed);
        // Over seeds: means with 95 % CIs (*-seeds); every seed's own rows with a "seed" column (what the scatters pool).
        tables.put("threshold-seeds", seeds.table());
        tables.put("criteria-seeds", seeds.criteria());
        tables.put("competence-seeds", seeds.competence());
        tables.put("competence-by-task-seeds", seeds.competenceByTask());
        tables.put("shares-seeds", seeds.shares());
        tables.put("equivalence-seeds", seeds.equivalenceTable());
        tables.put("dynamics-over-seeds", seeds.dynamics());
        tables.put("threshold", seeds.pooled(ThresholdResult::table));
        tables.put("dynamics", seeds.pooled(ThresholdResult::dynamics));
        tables.put("stories", seeds.pooled(ThresholdResult::stories));
        tables.put("shares", seeds.pooled(ThresholdResult::shares));
        tables.put("competence", seeds.pooled(ThresholdResult::competence));
        tables.put("equivalence", seeds.pooled(ThresholdResult::equivalenceTable));
        figures.put("fig2-start-finish", seeds.figure2());
        figures.put("fig6-competence-change-ci", seeds.competenceFigure());
        var f3 = seeds.figure3();
        figures.put("fig3-score", f3.get(0));
        figures.put("fig3-length", f3.get(1));
        figures.put("fig3-kl", f3.get(2));
        figures.put("fig3-score-vs-length", seeds.figure3ScoreVsLength());
        var f4 = seeds.figure4();
        figures.put("fig4-readability", f4.get(0));
        figures.put("fig4-coherence", f4.get(1));
        figures.put("fig4-creativity", f4.get(2));
        var f4Shares = seeds.figure4Shares(); // one chart per criterion, in Criterion's order
        for (int i = 0; i < f4Shares.size(); i++) figures.put("fig4-shares-" + Criterion.values()[i].name().toLowerCase(), f4Shares.get(i));
        var f5 = seeds.figure5();
        figures.put("fig5-entropy-vs-length", f5.get(0));
        figures.put("fig5-entropy-vs-score", f5.get(1));
        var f6 = seeds.figure6();
        figures.put("fig6-competence", f6.get(0));
        figures.put("fig6-competence-difference", f6.get(1));
        var f7 = seeds.figure7();
        figures.put("fig7-minimal-pairs", f7.get(0));
        figures.put("fig7-entity-tracking", f7.get(1));

        // Ablations run on the first seed: 14 PPO runs per seed would not fit the workshop's 20 minutes.
        var first = plan.withSeed(plan.seed());
        log("ablations from the " + Equivalence.words(plan.ablationCheckpoint()) + "-word checkpoint (seed " + plan.seed() + ")");
        Ablations.AblationResult ablations;
        try {
            ablations = Ablations.of(first).into(store).display(display).run();
        } catch (RunStore.Missing m) {
            ablations = new Ablations.AblationResult(plan.ablationCheckpoint(), List.of(), List.of());
            notes.add("ablations left out: " + m.getMessage());
        } catch (RuntimeException ex) { // reported like a failed experiment; the report of everything else is still written
            ablations = new Ablations.AblationResult(plan.ablationCheckpoint(), List.of(), List.of());
            failed.add("ablations: " + ex);
            notes.add("ablations **failed**: " + ex);
        }
        tables.put("ablations", ablations.table());
        figures.put("ablations-score", ablations.chart());
        figures.put("ablations-length", ablations.lengthChart());
        notes.addAll(ablations.notes());

        var claims = new ArrayList<>(seeds.claims());
        var plugged = new ArrayList<Claim>();
        for (var e : Experiments.all()) {
            log("experiment " + e.name());
            Path folder = store.root().resolve(e.name());
            try {
                var o = e.run(new Experiment.Context(scale, folder, display, plan, RunStore.at(folder).code(store.code()).reuseStale(reuseStale).finishedOnly(collect)));
                o.tables().forEach((k, v) -> tables.put(e.name() + "-" + k, v));
                o.figures().forEach((k, v) -> figures.put(e.name() + "-" + k, v));
                plugged.addAll(o.claims());
            } catch (RunStore.Missing m) {
                notes.add("experiment " + e.name() + " left out: " + m.getMessage());
            } catch (Exception ex) {
                failed.add(e.name() + ": " + ex);
                notes.add("experiment " + e.name() + " **failed**: " + ex);
            }
        }
        for (var c : Experiments.withCurriculum(plugged)) claims.add(c.decidedByInterval());
        if (perSeed.size() < plan.seeds().size()) notes.add("the CIs cover " + perSeed.size() + " of " + plan.seeds().size() + " seeds");

        var stale = store.uses().stream().filter(u -> u.status() == RunStore.Status.REUSED_STALE || u.status() == RunStore.Status.REDONE_STALE).toList();
        var provenance = new Report.Provenance(store.code(), Torch.threads(), store.summary(), stale, failed);
        var report = new Report(plan, seeds, ablations, claims, notes, new ArrayList<>(figures.keySet()), (System.nanoTime() - t0) / 1e9, provenance);
        write(tables, figures, report);
        return report;
    }

    private void write(Map<String, Table> tables, Map<String, Chart<?, ?>> figures, Report report) {
        try {
            Path tdir = out.resolve("tables"), fdir = out.resolve("figures");
            Files.createDirectories(tdir);
            for (var e : tables.entrySet()) e.getValue().write().csv(tdir.resolve(e.getKey() + ".csv").toString());
            for (var e : figures.entrySet()) Figures.save(e.getValue(), fdir, e.getKey());
            Files.writeString(out.resolve("plan.json"), RunStore.json(report.plan()));
            Files.writeString(out.resolve("summary.json"), RunStore.json(report.summary()));
            Files.writeString(out.resolve("report.md"), report.markdown());
            Files.writeString(out.resolve("report.html"), report.html());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the reproduction into " + out + ": " + e.getMessage(), e);
        }
    }

    private static void log(String s) {
        System.err.println("reproduce: " + s);
    }
}
