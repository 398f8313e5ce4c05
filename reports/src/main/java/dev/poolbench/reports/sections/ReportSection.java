package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.model.Run;

/**
 * One part of the report. Each section picks what it needs from the run and says plainly when that
 * was not measured; adding a section (a verdict on the seeds' claims, faults) is one new class and
 * one line in {@link Sections}.
 */
public interface ReportSection {

    SectionView render(Run run);
}
